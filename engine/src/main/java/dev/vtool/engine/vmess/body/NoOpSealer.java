package dev.vtool.engine.vmess.body;

import io.netty.buffer.ByteBuf;

/** Security none in packet mode: the AEAD chunk layout with a zero-size tag. */
final class NoOpSealer implements ChunkSealer {
    @Override
    public int overhead() {
        return 0;
    }

    @Override
    public void seal(ByteBuf src, int index, int length, ByteBuf dst) {
        dst.writeBytes(src, index, length);
    }

    @Override
    public void open(ByteBuf src, int index, int length, ByteBuf dst) {
        dst.writeBytes(src, index, length);
    }
}
