package dev.vtool.engine.shadowsocks;

import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.security.SecureRandom;

/**
 * One direction of a Shadowsocks TCP stream, sending: the salt in clear before the first chunk, then
 * {@code seal(BE16(n)) || seal(payload[n])} chunks. Chunks carry at most 0x3FFF bytes (the limit
 * shadowsocks-libev's reader enforces; 4.34's reader takes any length, its writer uses 2014). An empty
 * chunk is never sent: 4.34 reads it as end of stream.
 */
final class SsStreamEncoder {
    static final int MAX_CHUNK = 0x3FFF;
    private static final int LENGTH_BLOCK = 2 + SsAead.TAG;

    private final ShadowsocksMethod method;
    private final byte[] masterKey;
    private final SecureRandom random;
    private int maxChunk = MAX_CHUNK;
    private SsAead aead;
    private byte[] salt;
    /** The plain length of the next chunk, sealed into its length block. */
    private final ByteBuf lengthPlain = Unpooled.wrappedBuffer(new byte[2]);

    SsStreamEncoder(ShadowsocksMethod method, byte[] masterKey, SecureRandom random) {
        this.method = method;
        this.masterKey = masterKey;
        this.random = random;
    }

    /** With a fixed salt (test vectors). */
    SsStreamEncoder(ShadowsocksMethod method, byte[] masterKey, byte[] fixedSalt) {
        this(method, masterKey, (SecureRandom) null);
        this.salt = fixedSalt.clone();
    }

    /** 4.34's writer cuts chunks at 2014 bytes; tests reproduce its bytes with this. */
    SsStreamEncoder maxChunk(int n) {
        this.maxChunk = n;
        return this;
    }

    /** Frames {@code payload}'s readable bytes (not consumed, not released) into a new buffer. */
    ByteBuf encode(ByteBuf payload, ByteBufAllocator alloc) {
        int n = payload.readableBytes();
        if (!method.aead()) {
            salt = new byte[0];
            return payload.retainedSlice();
        }
        int chunks = (n + maxChunk - 1) / maxChunk;
        boolean first = aead == null;
        int size = (first ? method.keySize() : 0) + n + chunks * (LENGTH_BLOCK + SsAead.TAG);
        ByteBuf out = alloc.directBuffer(size);
        if (first) {
            if (salt == null) {
                salt = new byte[method.keySize()];
                random.nextBytes(salt);
            }
            aead = SsAead.create(method, SsKeys.subkey(masterKey, salt, 0, method.keySize()), true);
            out.writeBytes(salt);
        }
        int index = payload.readerIndex();
        for (int left = n; left > 0; ) {
            int len = Math.min(left, maxChunk);
            lengthPlain.setShort(0, len);
            aead.seal(lengthPlain, 0, 2, out);
            aead.seal(payload, index, len, out);
            index += len;
            left -= len;
        }
        return out;
    }
}
