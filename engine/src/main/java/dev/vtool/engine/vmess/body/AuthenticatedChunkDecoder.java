package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.List;

/**
 * Reads chunks written by {@link AuthenticatedChunkEncoder}. The mask and padding for a chunk are drawn
 * exactly once, when its length field is read. A length equal to overhead + padding is the end of
 * stream (recognised by length alone, as 4.34 does). Unlike 4.34, a tag that does not verify is an
 * error, not a silently dropped chunk. Any 16-bit length is accepted; nothing is allocated for a
 * chunk until all of it has arrived. In stream mode the plaintext of every complete chunk of one call
 * goes into one buffer (one hand-over to the relay per socket read instead of one per 2 KiB chunk); in
 * packet mode each chunk stays its own buffer, since each is a datagram.
 */
final class AuthenticatedChunkDecoder implements BodyDecoder {
    private final ChunkSealer sealer;
    private final ShakeLengthMask mask;
    private final boolean padding;
    private final boolean packet;
    private int size = -1;
    private int pad;
    private boolean done;

    AuthenticatedChunkDecoder(ChunkSealer sealer, ShakeLengthMask mask, boolean padding, boolean packet) {
        this.sealer = sealer;
        this.mask = mask;
        this.padding = padding;
        this.packet = packet;
    }

    @Override
    public boolean decode(ByteBuf in, ByteBufAllocator alloc, List<ByteBuf> out) throws VmessException {
        ByteBuf batch = null;
        try {
            while (!done) {
                if (size < 0) {
                    if (in.readableBytes() < 2) {
                        break;
                    }
                    pad = padding ? mask.nextPadding() : 0;
                    int field = in.readUnsignedShort();
                    size = mask == null ? field : (field ^ mask.next());
                    if (size == sealer.overhead() + pad) {
                        done = true;
                        break;
                    }
                    if (size < sealer.overhead() + pad) {
                        throw new VmessException("invalid chunk length " + size + " (overhead " + sealer.overhead() + ", padding " + pad + ")");
                    }
                }
                if (in.readableBytes() < size) {
                    break;
                }
                int sealedLength = size - pad;
                if (packet) {
                    ByteBuf plain = alloc.buffer(sealedLength - sealer.overhead());
                    try {
                        sealer.open(in, in.readerIndex(), sealedLength, plain);
                    } catch (VmessException | RuntimeException e) {
                        plain.release();
                        throw e;
                    }
                    out.add(plain);
                } else {
                    if (batch == null) {
                        // every complete chunk in view fits: plaintext is never longer than its chunk
                        batch = alloc.buffer(in.readableBytes());
                    }
                    sealer.open(in, in.readerIndex(), sealedLength, batch);
                }
                in.skipBytes(size);
                size = -1;
            }
        } catch (VmessException | RuntimeException e) {
            if (batch != null) {
                batch.release();
            }
            throw e;
        }
        if (batch != null) {
            if (batch.isReadable()) {
                out.add(batch);
            } else {
                batch.release();
            }
        }
        return done;
    }
}
