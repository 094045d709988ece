package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.Fnv1a32;
import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;

/** Legacy chunks: BE32(FNV-1a(payload)) || payload (inside the CFB stream). */
final class FnvSealer implements ChunkSealer {
    @Override
    public int overhead() {
        return 4;
    }

    @Override
    public void seal(ByteBuf src, int index, int length, ByteBuf dst) {
        dst.writeInt(Fnv1a32.hash(src, index, length));
        dst.writeBytes(src, index, length);
    }

    @Override
    public void open(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException {
        if (length < 4) {
            throw new VmessException("invalid chunk: " + length + " bytes is shorter than the checksum");
        }
        if (src.getInt(index) != Fnv1a32.hash(src, index + 4, length - 4)) {
            throw new VmessException("failed to read chunk > invalid authentication");
        }
        dst.writeBytes(src, index + 4, length - 4);
    }
}
