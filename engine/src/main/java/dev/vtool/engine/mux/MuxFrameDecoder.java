package dev.vtool.engine.mux;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.List;

/**
 * Cuts a carrier's payload into {@link MuxFrame}s, each emitted once complete. A malformed frame is
 * reported once (as a {@link MuxException} cause) and everything after it is discarded: the frame
 * boundaries are lost, so the carrier can only be closed.
 */
final class MuxFrameDecoder extends ByteToMessageDecoder {
    private boolean failed;

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) throws MuxException {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        try {
            MuxFrame f = next(in);
            if (f != null) {
                out.add(f);
            }
        } catch (MuxException e) {
            failed = true;
            in.skipBytes(in.readableBytes());
            throw e;
        }
    }

    /** The next whole frame, or null (nothing consumed) when more bytes are needed. */
    static MuxFrame next(ByteBuf in) throws MuxException {
        if (in.readableBytes() < 2) {
            return null;
        }
        int start = in.readerIndex();
        int metaLen = in.getUnsignedShort(start);
        if (metaLen > MuxFrame.MAX_META) {
            throw new MuxException("invalid metalen " + metaLen);
        }
        if (in.readableBytes() < 2 + metaLen) {
            return null;
        }
        if (metaLen < 4) {
            throw new MuxException("insufficient buffer: " + metaLen);
        }
        int option = in.getUnsignedByte(start + 5);
        int dataLen = 0;
        if ((option & MuxFrame.OPTION_DATA) != 0) {
            if (in.readableBytes() < 4 + metaLen) {
                return null;
            }
            dataLen = in.getUnsignedShort(start + 2 + metaLen);
            if (in.readableBytes() < 4 + metaLen + dataLen) {
                return null;
            }
        }
        ByteBuf meta = in.slice(start + 2, metaLen);
        int id = meta.readUnsignedShort();
        int status = meta.readUnsignedByte();
        meta.skipBytes(1);
        dev.vtool.engine.Destination target = null;
        if (status == MuxFrame.NEW) {
            if (metaLen < 8) {
                throw new MuxException("insufficient buffer: " + metaLen);
            }
            target = MuxAddress.read(meta);
        }
        in.skipBytes(2 + metaLen);
        ByteBuf data = null;
        if ((option & MuxFrame.OPTION_DATA) != 0) {
            in.skipBytes(2);
            data = in.readRetainedSlice(dataLen);
        }
        return new MuxFrame(id, status, option, target, data);
    }
}
