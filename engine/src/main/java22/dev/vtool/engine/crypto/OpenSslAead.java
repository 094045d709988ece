package dev.vtool.engine.crypto;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import io.netty.buffer.ByteBuf;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;

/**
 * One AEAD key in OpenSSL's libcrypto (Java 22+ foreign function API), sealing and opening Netty buffers in
 * place: direct memory by address, heap arrays pinned, so a chunk is never copied on its way through the
 * cipher (the JCA route copies it twice). One EVP_CIPHER_CTX, keyed once and re-armed with each nonce; the
 * 16-byte tag follows the ciphertext, no associated data. VMess's ChaCha20-Poly1305 and every Shadowsocks
 * method use it; compiled with --release 22 and loaded only by their factories on a JDK that has the API.
 */
public final class OpenSslAead {
    public static final int TAG = 16;
    private static final int EVP_CTRL_AEAD_GET_TAG = 0x10;
    private static final int EVP_CTRL_AEAD_SET_TAG = 0x11;
    private static final int UNCHANGED = -1;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final Linker LINKER = Linker.nativeLinker();
    private static final SymbolLookup CRYPTO = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
    private static final MethodHandle CTX_NEW;
    private static final MethodHandle CTX_FREE;
    private static final MethodHandle CIPHER_INIT;
    private static final MethodHandle CIPHER_UPDATE;
    private static final MethodHandle CIPHER_FINAL;
    private static final MethodHandle CTX_CTRL;

    static {
        // critical: no thread-state transition for these short calls, and heap arrays may be passed
        Linker.Option critical = Linker.Option.critical(true);
        CTX_NEW = LINKER.downcallHandle(symbol("EVP_CIPHER_CTX_new"), FunctionDescriptor.of(ADDRESS));
        CTX_FREE = LINKER.downcallHandle(symbol("EVP_CIPHER_CTX_free"), FunctionDescriptor.ofVoid(ADDRESS));
        CIPHER_INIT = LINKER.downcallHandle(symbol("EVP_CipherInit_ex"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
        CIPHER_UPDATE = LINKER.downcallHandle(symbol("EVP_CipherUpdate"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
        CIPHER_FINAL = LINKER.downcallHandle(symbol("EVP_CipherFinal_ex"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), critical);
        CTX_CTRL = LINKER.downcallHandle(symbol("EVP_CIPHER_CTX_ctrl"),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), critical);
    }

    private final MemorySegment ctx;
    private final int[] outLength = new int[1];
    private final byte[] tag = new byte[TAG];
    private byte[] scratch;

    /**
     * @param cipher libcrypto's function that names the cipher: EVP_aes_128_gcm, EVP_aes_256_gcm or
     *               EVP_chacha20_poly1305
     * @throws IllegalStateException when libcrypto lacks the cipher or refuses the key
     */
    public OpenSslAead(String cipher, byte[] key, boolean encrypt) {
        MemorySegment created;
        MemorySegment type;
        try {
            type = (MemorySegment) LINKER.downcallHandle(symbol(cipher), FunctionDescriptor.of(ADDRESS)).invokeExact();
            created = (MemorySegment) CTX_NEW.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException(cipher + " unavailable", e);
        }
        if (created.equals(MemorySegment.NULL) || type.equals(MemorySegment.NULL)) {
            throw new IllegalStateException(cipher + " unavailable");
        }
        this.ctx = created;
        CLEANER.register(this, new Free(created));
        int ok;
        try {
            ok = (int) CIPHER_INIT.invokeExact(ctx, type, MemorySegment.NULL, MemorySegment.ofArray(key),
                    MemorySegment.NULL, encrypt ? 1 : 0);
        } catch (Throwable e) {
            throw new IllegalStateException("EVP_CipherInit_ex failed", e);
        }
        if (ok != 1) {
            throw new IllegalStateException("EVP_CipherInit_ex refused the " + cipher + " key");
        }
    }

    private static MemorySegment symbol(String name) {
        return CRYPTO.find(name).orElseThrow(() -> new IllegalStateException("libcrypto has no " + name));
    }

    /** Frees the native context once its owner is unreachable (streams and sealers have no close of their own). */
    private record Free(MemorySegment ctx) implements Runnable {
        @Override
        public void run() {
            try {
                CTX_FREE.invokeExact(ctx);
            } catch (Throwable ignored) {
                // nothing left to do for a context that cannot be freed
            }
        }
    }

    /**
     * Seals src[index, index+len) into dst[dstIndex, dstIndex+len+TAG) under nonce (dst already that large;
     * writer indexes untouched).
     *
     * @throws IllegalStateException when OpenSSL refuses or fails
     */
    public void seal(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) {
        MemorySegment in = segment(src, index, len);
        MemorySegment out = writable(dst, dstIndex, len + TAG);
        int ok;
        try {
            ok = (int) CIPHER_INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL,
                    MemorySegment.ofArray(nonce), UNCHANGED);
            ok &= (int) CIPHER_UPDATE.invokeExact(ctx, out, MemorySegment.ofArray(outLength), in, len);
            ok &= (int) CIPHER_FINAL.invokeExact(ctx, out.asSlice(len), MemorySegment.ofArray(outLength));
            ok &= (int) CTX_CTRL.invokeExact(ctx, EVP_CTRL_AEAD_GET_TAG, TAG, out.asSlice(len));
        } catch (Throwable e) {
            throw new IllegalStateException("OpenSSL failed to seal: " + e, e);
        }
        if (ok != 1) {
            throw new IllegalStateException("OpenSSL refused to seal");
        }
        commit(dst, dstIndex, len + TAG);
    }

    /**
     * Opens src[index, index+len) (ciphertext then tag, len ≥ TAG) into dst[dstIndex, dstIndex+len-TAG);
     * false when the tag is wrong (dst's bytes then mean nothing).
     *
     * @throws IllegalStateException when OpenSSL refuses or fails
     */
    public boolean open(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) {
        int plain = len - TAG;
        MemorySegment in = segment(src, index, len);
        MemorySegment out = writable(dst, dstIndex, plain);
        MemorySegment.copy(in, plain, MemorySegment.ofArray(tag), 0, TAG);
        boolean authentic;
        int ok;
        try {
            ok = (int) CIPHER_INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL,
                    MemorySegment.ofArray(nonce), UNCHANGED);
            ok &= (int) CIPHER_UPDATE.invokeExact(ctx, out, MemorySegment.ofArray(outLength), in, plain);
            ok &= (int) CTX_CTRL.invokeExact(ctx, EVP_CTRL_AEAD_SET_TAG, TAG, MemorySegment.ofArray(tag));
            authentic = ok == 1
                    && (int) CIPHER_FINAL.invokeExact(ctx, out.asSlice(plain), MemorySegment.ofArray(outLength)) == 1;
        } catch (Throwable e) {
            throw new IllegalStateException("OpenSSL failed to open: " + e, e);
        }
        if (ok != 1) {
            throw new IllegalStateException("OpenSSL refused to open");
        }
        if (authentic) {
            commit(dst, dstIndex, plain);
        }
        return authentic;
    }

    /** The bytes in place: direct memory by address, a heap buffer's array, else a copy. */
    private static MemorySegment segment(ByteBuf buf, int index, int length) {
        if (buf.hasMemoryAddress()) {
            return MemorySegment.ofAddress(buf.memoryAddress() + index).reinterpret(length);
        }
        if (buf.hasArray()) {
            return MemorySegment.ofArray(buf.array()).asSlice(buf.arrayOffset() + index, length);
        }
        byte[] copy = new byte[length];
        buf.getBytes(index, copy);
        return MemorySegment.ofArray(copy);
    }

    /** Where output goes: dst's own memory when it has an address or array, else a scratch array. */
    private MemorySegment writable(ByteBuf dst, int index, int length) {
        if (dst.hasMemoryAddress()) {
            return MemorySegment.ofAddress(dst.memoryAddress() + index).reinterpret(length);
        }
        if (dst.hasArray()) {
            return MemorySegment.ofArray(dst.array()).asSlice(dst.arrayOffset() + index, length);
        }
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 4096)];
        }
        return MemorySegment.ofArray(scratch).asSlice(0, length);
    }

    private void commit(ByteBuf dst, int index, int length) {
        if (!dst.hasMemoryAddress() && !dst.hasArray()) {
            dst.setBytes(index, scratch, 0, length);
        }
    }
}
