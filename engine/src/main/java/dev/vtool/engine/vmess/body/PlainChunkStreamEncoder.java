package dev.vtool.engine.vmess.body;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;

/**
 * Security none over a stream with ChunkStream: {@code length(2) || payload}, ≤ 8192 bytes per chunk,
 * length masked when 0x04 is set, never padded; a zero length ends the stream. Payload bytes are
 * passed on without a copy.
 */
final class PlainChunkStreamEncoder implements BodyEncoder {
    static final int MAX_PAYLOAD = 8192;

    private final ShakeLengthMask mask;

    PlainChunkStreamEncoder(ShakeLengthMask mask) {
        this.mask = mask;
    }

    @Override
    public ByteBuf encode(ByteBuf payload, ByteBufAllocator alloc) {
        if (!payload.isReadable()) {
            return Unpooled.EMPTY_BUFFER;
        }
        CompositeByteBuf out = alloc.compositeBuffer(2 * (payload.readableBytes() / MAX_PAYLOAD + 1));
        while (payload.isReadable()) {
            int n = Math.min(MAX_PAYLOAD, payload.readableBytes());
            out.addComponent(true, lengthField(n, alloc));
            out.addComponent(true, payload.readRetainedSlice(n));
        }
        return out;
    }

    @Override
    public ByteBuf encodeEnd(ByteBufAllocator alloc) {
        return lengthField(0, alloc);
    }

    private ByteBuf lengthField(int n, ByteBufAllocator alloc) {
        return alloc.buffer(2).writeShort(mask == null ? n : n ^ mask.next());
    }
}
