package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;

/** Writes frames the way 4.34's {@code mux.Writer} does. Each frame is one buffer (one write to the carrier). */
final class MuxFrames {
    private MuxFrames() {
    }

    /** New (with the data bit when {@code data} is non-null; takes ownership of it). */
    static ByteBuf open(ByteBufAllocator alloc, int id, Destination target, ByteBuf data) {
        ByteBuf head = alloc.buffer(2 + 4 + 1 + 2 + 1 + 256 + 2);
        head.writeShort(0);
        head.writeShort(id).writeByte(MuxFrame.NEW).writeByte(data == null ? 0 : MuxFrame.OPTION_DATA);
        head.writeByte(target.network() == Network.UDP ? MuxFrame.NETWORK_UDP : MuxFrame.NETWORK_TCP);
        try {
            MuxAddress.write(head, target);
        } catch (IllegalArgumentException e) {
            head.release();
            if (data != null) {
                data.release();
            }
            throw e;
        }
        head.setShort(0, head.writerIndex() - 2);
        return withData(alloc, head, data);
    }

    /** Keep with data (ownership of {@code data} taken; at most 65535 bytes). */
    static ByteBuf keep(ByteBufAllocator alloc, int id, ByteBuf data) {
        ByteBuf head = alloc.buffer(8);
        head.writeShort(4).writeShort(id).writeByte(MuxFrame.KEEP).writeByte(MuxFrame.OPTION_DATA);
        return withData(alloc, head, data);
    }

    static ByteBuf end(ByteBufAllocator alloc, int id, boolean error) {
        return alloc.buffer(6).writeShort(4).writeShort(id).writeByte(MuxFrame.END)
                .writeByte(error ? MuxFrame.OPTION_ERROR : 0);
    }

    static ByteBuf keepAlive(ByteBufAllocator alloc) {
        return alloc.buffer(6).writeShort(4).writeShort(0).writeByte(MuxFrame.KEEP_ALIVE).writeByte(0);
    }

    private static ByteBuf withData(ByteBufAllocator alloc, ByteBuf head, ByteBuf data) {
        if (data == null) {
            return head;
        }
        if (data.readableBytes() > 0xFFFF) {
            head.release();
            data.release();
            throw new IllegalArgumentException("a frame carries at most 65535 bytes");
        }
        head.writeShort(data.readableBytes());
        if (data.readableBytes() <= 512) {
            head.writeBytes(data);
            data.release();
            return head;
        }
        CompositeByteBuf frame = alloc.compositeBuffer(2);
        frame.addComponents(true, head, data);
        return frame;
    }
}
