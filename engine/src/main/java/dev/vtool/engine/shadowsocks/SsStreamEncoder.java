package dev.vtool.engine.shadowsocks;

import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
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
    private final byte[] lengthPlain = new byte[2];
    private byte[] scratchIn;
    private byte[] scratchOut;

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
        byte[] out2 = scratchOut();
        int index = payload.readerIndex();
        boolean inPlace = aead.inPlaceBuffers() && payload.nioBufferCount() == 1;
        for (int left = n; left > 0; ) {
            int len = Math.min(left, maxChunk);
            lengthPlain[0] = (byte) (len >>> 8);
            lengthPlain[1] = (byte) len;
            out.writeBytes(out2, 0, aead.seal(lengthPlain, 0, 2, out2, 0));
            if (inPlace) {
                int w = out.writerIndex();
                out.writerIndex(w + aead.seal(payload.nioBuffer(index, len), out.nioBuffer(w, len + SsAead.TAG)));
            } else {
                byte[] in;
                int inOff;
                if (payload.hasArray()) {
                    in = payload.array();
                    inOff = payload.arrayOffset() + index;
                } else {
                    in = scratchIn();
                    payload.getBytes(index, in, 0, len);
                    inOff = 0;
                }
                out.writeBytes(out2, 0, aead.seal(in, inOff, len, out2, 0));
            }
            index += len;
            left -= len;
        }
        return out;
    }

    private byte[] scratchIn() {
        if (scratchIn == null) {
            scratchIn = new byte[MAX_CHUNK];
        }
        return scratchIn;
    }

    private byte[] scratchOut() {
        if (scratchOut == null) {
            scratchOut = new byte[MAX_CHUNK + SsAead.TAG];
        }
        return scratchOut;
    }
}
