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
                if (pendingLength < 0) {
                    if (in.readableBytes() < LENGTH_BLOCK) {
                        break;
                    }
                    aead.open(in, in.readerIndex(), LENGTH_BLOCK, lengthPlain.clear());
                    in.skipBytes(LENGTH_BLOCK);
                    consumed += LENGTH_BLOCK;
                    pendingLength = lengthPlain.getUnsignedShort(0);
                    if (pendingLength == 0) {
                        if (plain != null) {
                            out.add(plain);
                        }
                        return true;
                    }
                }
                int sealed = pendingLength + SsAead.TAG;
                if (in.readableBytes() < sealed) {
                    break;
                }
                if (plain == null) {
                    plain = alloc.directBuffer(Math.max(pendingLength, in.readableBytes()));
                }
                aead.open(in, in.readerIndex(), sealed, plain);
                in.skipBytes(sealed);
                consumed += sealed;
                pendingLength = -1;
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
}
