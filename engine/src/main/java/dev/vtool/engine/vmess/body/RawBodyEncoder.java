package dev.vtool.engine.vmess.body;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;

/** No ChunkStream: the body is the bytes themselves (security none) with no end marker. */
final class RawBodyEncoder implements BodyEncoder {
    @Override
    public ByteBuf encode(ByteBuf payload, ByteBufAllocator alloc) {
        if (!payload.isReadable()) {
            return Unpooled.EMPTY_BUFFER;
        }
        return payload.readRetainedSlice(payload.readableBytes());
    }

    @Override
    public ByteBuf encodeEnd(ByteBufAllocator alloc) {
        return Unpooled.EMPTY_BUFFER;
    }
}
