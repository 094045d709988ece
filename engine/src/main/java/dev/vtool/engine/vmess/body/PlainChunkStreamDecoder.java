package dev.vtool.engine.vmess.body;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/** Reads {@link PlainChunkStreamEncoder} output, passing payload bytes on as they arrive (no copy). */
final class PlainChunkStreamDecoder implements BodyDecoder {
    private final ShakeLengthMask mask;
    private int remaining;
    private boolean done;

    PlainChunkStreamDecoder(ShakeLengthMask mask) {
        this.mask = mask;
    }

    @Override
    public boolean decode(ByteBuf in, ByteBufAllocator alloc, List<ByteBuf> out) {
        while (!done) {
            if (remaining == 0) {
                if (in.readableBytes() < 2) {
                    return false;
                }
                int field = in.readUnsignedShort();
                remaining = mask == null ? field : field ^ mask.next();
                if (remaining == 0) {
                    done = true;
                    return true;
                }
            }
            if (!in.isReadable()) {
                return false;
            }
            int n = Math.min(remaining, in.readableBytes());
            out.add(in.readRetainedSlice(n));
            remaining -= n;
        }
        return true;
    }
}
