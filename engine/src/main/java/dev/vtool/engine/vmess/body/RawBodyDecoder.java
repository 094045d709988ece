package dev.vtool.engine.vmess.body;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/** No ChunkStream: passes every byte on; the stream ends with the connection. */
final class RawBodyDecoder implements BodyDecoder {
    @Override
    public boolean decode(ByteBuf in, ByteBufAllocator alloc, List<ByteBuf> out) {
        if (in.isReadable()) {
            out.add(in.readRetainedSlice(in.readableBytes()));
        }
        return false;
    }
}
