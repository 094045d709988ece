package dev.vtool.engine.vmess.body;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * Reads chunks written by {@link AuthenticatedChunkEncoder}. The mask and padding for a chunk are drawn
 * exactly once, when its length field is read. A length equal to overhead + padding is the end of
 * stream (recognised by length alone, as 4.34 does). Unlike 4.34, a tag that does not verify is an
 * error, not a silently dropped chunk. Any 16-bit length is accepted. In stream mode the plaintext of
 * every complete chunk of one call goes into one buffer (one hand-over to the relay per socket read
 * instead of one per 2 KiB chunk); in packet mode each chunk stays its own buffer, since each is a datagram.
 * <p>A chunk of at most 2048 bytes (all 4.34 sends) that a socket read cuts in two is finished in a small
 * buffer of the decoder's own, and the input is consumed to its end: otherwise the caller's cumulation
 * would keep the partial chunk and copy the whole next read behind it (one extra copy of every byte, as
 * reads almost never end on a chunk boundary). A longer chunk waits in the input until all of it has
 * arrived, so a peer's length field never makes the decoder allocate.
 */
final class AuthenticatedChunkDecoder implements BodyDecoder {
    private final ChunkSealer sealer;
    private final ShakeLengthMask mask;
    private final boolean padding;
    private final boolean packet;
    private int size = -1;
    private int pad;
    private boolean done;
    /** The first bytes of a chunk cut by the end of a read (heap, so nothing to release); null until needed. */
    private ByteBuf partial;

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
                ByteBuf chunk = in;
                int at = in.readerIndex();
                if (partial != null && partial.isReadable()) {
                    partial.writeBytes(in, Math.min(size - partial.readableBytes(), in.readableBytes()));
                    if (partial.readableBytes() < size) {
                        break;
                    }
                    chunk = partial;
                    at = 0;
                } else if (in.readableBytes() < size) {
                    if (size <= AuthenticatedChunkEncoder.MAX_CHUNK) {
                        if (partial == null) {
                            partial = Unpooled.buffer(AuthenticatedChunkEncoder.MAX_CHUNK);
                        }
                        partial.writeBytes(in);
                    }
                    break;
                }
                if (packet) {
                    ByteBuf plain = alloc.buffer(size - pad - sealer.overhead());
                    try {
                        sealer.open(chunk, at, size - pad, plain);
                    } catch (VmessException | RuntimeException e) {
                        plain.release();
                        throw e;
                    }
                    out.add(plain);
                } else {
                    if (batch == null) {
                        // every complete chunk in view fits: plaintext is never longer than its chunk
                        batch = alloc.buffer(in.readableBytes() + size);
                    }
                    sealer.open(chunk, at, size - pad, batch);
                }
                if (chunk == in) {
                    in.skipBytes(size);
                } else {
                    partial.clear();
                }
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
