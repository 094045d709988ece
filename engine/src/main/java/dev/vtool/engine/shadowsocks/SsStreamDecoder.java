package dev.vtool.engine.shadowsocks;

import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.List;

/**
 * One direction of a Shadowsocks TCP stream, receiving: the salt, then chunks, opened into plain
 * payload. A chunk of length 0 ends the stream, as in 4.34's reader. Lengths up to 0xFFFF are taken
 * (4.34 takes any; shadowsocks-libev never sends more than 0x3FFF). Any chunk that fails to
 * authenticate is fatal (4.34 silently skips small bad payload chunks; vtool does not rely on that).
 * Blocks are opened in place in the input; one that a read cuts in two is finished in a buffer of its
 * own and the input is consumed to its end, so the caller's cumulation never copies a read (reads
 * almost never end on a chunk boundary). That buffer is made only once the block's length was
 * authenticated (at most 18 bytes for a length block, 0xFFFF + 16 for a payload block).
 */
final class SsStreamDecoder {
    private static final int LENGTH_BLOCK = 2 + SsAead.TAG;

    private final ShadowsocksMethod method;
    private final byte[] masterKey;
    private final SaltFilter saltFilter;
    private SsAead aead;
    private byte[] salt;
    private int pendingLength = -1;
    /** The opened length block of the next chunk. */
    private final ByteBuf lengthPlain = Unpooled.wrappedBuffer(new byte[2]);
    private long consumed;
    /**
     * The start of a block cut by the end of a read (heap: nothing to release; dropped once the block is
     * complete, so an idle connection holds none), or null.
     */
    private ByteBuf partial;

    /** @param saltFilter where a server remembers request salts to refuse replays; null on a client */
    SsStreamDecoder(ShadowsocksMethod method, byte[] masterKey, SaltFilter saltFilter) {
        this.method = method;
        this.masterKey = masterKey;
        this.saltFilter = saltFilter;
    }

    /** Raw bytes taken from the wire so far (salt and chunks). */
    long consumed() {
        return consumed;
    }

    /** Whether the salt has been read. */
    boolean hasSalt() {
        return salt != null || !method.aead();
    }

    /**
     * Opens every complete chunk in {@code in} into buffers added to {@code out} (the caller owns them);
     * true once the end-of-stream chunk was read (nothing after it is consumed).
     */
    boolean decode(ByteBuf in, ByteBufAllocator alloc, List<ByteBuf> out) throws SsException {
        if (!method.aead()) {
            int n = in.readableBytes();
            if (n > 0) {
                out.add(in.readRetainedSlice(n));
                consumed += n;
            }
            return false;
        }
        if (aead == null) {
            int size = method.keySize();
            if (in.readableBytes() < size) {
                return false;
            }
            salt = new byte[size];
            in.readBytes(salt);
            consumed += size;
            if (saltFilter != null && !saltFilter.firstSeen(salt)) {
                throw new SsException("replayed salt");
            }
            aead = SsAead.create(method, SsKeys.subkey(masterKey, salt, 0, size), false);
        }
        ByteBuf plain = null;
        try {
            while (true) {
                // the next block: a length block, or the payload block whose length was read
                int block = pendingLength < 0 ? LENGTH_BLOCK : pendingLength + SsAead.TAG;
                ByteBuf src;
                if (partial != null) {
                    int take = Math.min(block - partial.readableBytes(), in.readableBytes());
                    partial.writeBytes(in, take);
                    consumed += take;
                    if (partial.readableBytes() < block) {
                        break;
                    }
                    src = partial;
                } else if (in.readableBytes() < block) {
                    if (in.isReadable()) {
                        // a block cut by the end of the read: its start waits here, and the caller's
                        // cumulation stays empty (else it would copy the whole next read behind it)
                        partial = Unpooled.buffer(block);
                        consumed += in.readableBytes();
                        partial.writeBytes(in);
                    }
                    break;
                } else {
                    src = in;
                }
                int at = src.readerIndex();
                if (pendingLength < 0) {
                    aead.open(src, at, LENGTH_BLOCK, lengthPlain.clear());
                    pendingLength = lengthPlain.getUnsignedShort(0);
                    taken(src, in, block);
                    if (pendingLength == 0) {
                        if (plain != null) {
                            out.add(plain);
                        }
                        return true;
                    }
                } else {
                    if (plain == null) {
                        plain = alloc.directBuffer(Math.max(pendingLength, in.readableBytes()));
                    }
                    aead.open(src, at, block, plain);
                    pendingLength = -1;
                    taken(src, in, block);
                }
            }
        } catch (SsException e) {
            if (plain != null) {
                plain.release();
            }
            throw e;
        }
        if (plain != null) {
            out.add(plain);
        }
        return false;
    }

    /** The block read from {@code src} is done with: skipped in the input, or the partial one dropped. */
    private void taken(ByteBuf src, ByteBuf in, int block) {
        if (src == in) {
            in.skipBytes(block);
            consumed += block;
        } else {
            partial = null;
        }
    }
}
