package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Chunks of {@code length(2) || sealed payload || padding}. The length counts seal overhead and
 * padding and is XOR-masked when masking is on. Like 4.34, no chunk exceeds 2048 bytes on the wire.
 */
final class AuthenticatedChunkEncoder implements BodyEncoder {
    static final int MAX_CHUNK = 2048;

    private final ChunkSealer sealer;
    private final ShakeLengthMask mask;
    private final boolean padding;
    private final boolean packet;

    AuthenticatedChunkEncoder(ChunkSealer sealer, ShakeLengthMask mask, boolean padding, boolean packet) {
        this.sealer = sealer;
        this.mask = mask;
        this.padding = padding;
        this.packet = packet;
    }

    /** Largest payload per chunk: 2030 for AEAD, 1966 with padding, 2042 for FNV. */
    int maxPayload() {
        return MAX_CHUNK - 2 - sealer.overhead() - (padding ? 64 : 0);
    }

    @Override
    public ByteBuf encode(ByteBuf payload, ByteBufAllocator alloc) throws VmessException {
        int total = payload.readableBytes();
        if (total == 0) {
            return Unpooled.EMPTY_BUFFER;
        }
        int max = maxPayload();
        if (packet && total > max) {
            payload.skipBytes(total);
            throw new VmessException("datagram of " + total + " bytes does not fit one chunk (max " + max + "), dropped");
        }
        int chunks = (total + max - 1) / max;
        ByteBuf out = alloc.buffer(total + chunks * (2 + sealer.overhead() + (padding ? 63 : 0)));
        try {
            while (payload.isReadable()) {
                int n = Math.min(max, payload.readableBytes());
                writeChunk(payload, payload.readerIndex(), n, out);
                payload.skipBytes(n);
            }
            return out;
        } catch (VmessException | RuntimeException e) {
            out.release();
            throw e;
        }
    }

    @Override
    public ByteBuf encodeEnd(ByteBufAllocator alloc) {
        ByteBuf out = alloc.buffer(2 + sealer.overhead() + 63);
        try {
            writeChunk(Unpooled.EMPTY_BUFFER, 0, 0, out);
            return out;
        } catch (VmessException e) {
            out.release();
            throw new IllegalStateException("sealing an empty chunk failed", e);
        }
    }

    private void writeChunk(ByteBuf src, int index, int n, ByteBuf out) throws VmessException {
        int pad = padding ? mask.nextPadding() : 0;
        int length = n + sealer.overhead() + pad;
        out.writeShort(mask == null ? length : length ^ mask.next());
        sealer.seal(src, index, n, out);
        if (pad > 0) {
            // filler after the sealed payload: its content is irrelevant, so 8 random bytes per call
            ThreadLocalRandom r = ThreadLocalRandom.current();
            int i = 0;
            for (; i + 8 <= pad; i += 8) {
                out.writeLong(r.nextLong());
            }
            for (; i < pad; i++) {
                out.writeByte(r.nextInt());
            }
        }
    }
}
