package dev.vtool.engine.vmess.body;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_INT;

import dev.vtool.engine.vmess.VmessException;
import io.netty.buffer.ByteBuf;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.ref.Cleaner;

/**
 * ChaCha20-Poly1305 chunks through OpenSSL's libcrypto (Java 22+ foreign function API). The JDK's cipher
 * rebuilds its Poly1305 state on every init and costs ~0.8 CPU s/GiB on 2 KiB chunks; one reused
 * EVP_CIPHER_CTX, re-armed with the next nonce, costs ~0.55. Compiled with --release 22 and loaded
 * only by {@link ChaChaSealers} on a JDK that has the API; everything else uses {@link JcaAeadSealer}.
 * Buffers are handed over in place (direct memory by address, heap arrays pinned), never copied.
 */
final class OpenSslChaCha20Poly1305 implements ChunkSealer {
    private static final int TAG = 16;
    private static final int EVP_CTRL_AEAD_GET_TAG = 0x10;
    private static final int EVP_CTRL_AEAD_SET_TAG = 0x11;
    private static final int UNCHANGED = -1;

    private static final Cleaner CLEANER = Cleaner.create();
    private static final MethodHandle CTX_NEW;
    private static final MethodHandle CTX_FREE;
    private static final MethodHandle CIPHER_INIT;
    private static final MethodHandle CIPHER_UPDATE;
    private static final MethodHandle CIPHER_FINAL;
    private static final MethodHandle CTX_CTRL;
    private static final MemorySegment CHACHA20_POLY1305;

    static {
        Linker linker = Linker.nativeLinker();
        SymbolLookup crypto = SymbolLookup.libraryLookup("libcrypto.so.3", Arena.global());
        // critical: no thread-state transition for these short calls, and heap arrays may be passed
        Linker.Option critical = Linker.Option.critical(true);
        CTX_NEW = linker.downcallHandle(crypto.find("EVP_CIPHER_CTX_new").orElseThrow(), FunctionDescriptor.of(ADDRESS));
        CTX_FREE = linker.downcallHandle(crypto.find("EVP_CIPHER_CTX_free").orElseThrow(), FunctionDescriptor.ofVoid(ADDRESS));
        CIPHER_INIT = linker.downcallHandle(crypto.find("EVP_CipherInit_ex").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
        CIPHER_UPDATE = linker.downcallHandle(crypto.find("EVP_CipherUpdate").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS, ADDRESS, JAVA_INT), critical);
        CIPHER_FINAL = linker.downcallHandle(crypto.find("EVP_CipherFinal_ex").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, ADDRESS), critical);
        CTX_CTRL = linker.downcallHandle(crypto.find("EVP_CIPHER_CTX_ctrl").orElseThrow(),
                FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, JAVA_INT, ADDRESS), critical);
        MethodHandle cipher = linker.downcallHandle(crypto.find("EVP_chacha20_poly1305").orElseThrow(),
                FunctionDescriptor.of(ADDRESS));
        try {
            CHACHA20_POLY1305 = (MemorySegment) cipher.invokeExact();
        } catch (Throwable e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MemorySegment ctx;
    private final boolean encrypt;
    private final byte[] nonce = new byte[12];
    private final int[] outLength = new int[1];
    private final byte[] tag = new byte[TAG];
    private byte[] scratch;
    private int counter;

    /** @param key32 the 32-byte ChaCha key ({@link JcaAeadSealer#chachaKey}) */
    OpenSslChaCha20Poly1305(byte[] key32, byte[] iv, boolean encrypt) {
        this.encrypt = encrypt;
        System.arraycopy(iv, 2, nonce, 2, 10);
        MemorySegment created;
        try {
            created = (MemorySegment) CTX_NEW.invokeExact();
        } catch (Throwable e) {
            throw new IllegalStateException("EVP_CIPHER_CTX_new failed", e);
        }
        if (created.equals(MemorySegment.NULL)) {
            throw new IllegalStateException("EVP_CIPHER_CTX_new returned NULL");
        }
        this.ctx = created;
        CLEANER.register(this, new Free(created));
        int ok;
        try {
            ok = (int) CIPHER_INIT.invokeExact(ctx, CHACHA20_POLY1305, MemorySegment.NULL, MemorySegment.ofArray(key32),
                    MemorySegment.NULL, encrypt ? 1 : 0);
        } catch (Throwable e) {
            throw new IllegalStateException("EVP_CipherInit_ex failed", e);
        }
        if (ok != 1) {
            throw new IllegalStateException("EVP_CipherInit_ex refused the ChaCha20-Poly1305 key");
        }
    }

    /** Frees the native context once the sealer is unreachable (sealers have no close of their own). */
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

    /** Moves the nonce counter on as if n chunks had gone by (tests reach the wrap without 64k chunks). */
    void skipChunks(int n) {
        counter = (counter + n) & 0xFFFF;
    }

    @Override
    public int overhead() {
        return TAG;
    }

    @Override
    public void seal(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException {
        if (!encrypt) {
            throw new IllegalStateException("decrypting sealer used to seal");
        }
        dst.ensureWritable(length + TAG);
        int w = dst.writerIndex();
        MemorySegment in = segment(src, index, length);
        MemorySegment out = writableSegment(dst, w, length + TAG);
        try {
            int ok = (int) CIPHER_INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL,
                    nextNonce(), UNCHANGED);
            ok &= (int) CIPHER_UPDATE.invokeExact(ctx, out, MemorySegment.ofArray(outLength), in, length);
            ok &= (int) CIPHER_FINAL.invokeExact(ctx, out.asSlice(length), MemorySegment.ofArray(outLength));
            ok &= (int) CTX_CTRL.invokeExact(ctx, EVP_CTRL_AEAD_GET_TAG, TAG, out.asSlice(length));
            if (ok != 1) {
                throw new VmessException("failed to seal chunk > OpenSSL ChaCha20-Poly1305 refused", false);
            }
        } catch (VmessException e) {
            throw e;
        } catch (Throwable e) {
            throw new VmessException("failed to seal chunk > " + e, false, e);
        }
        commit(dst, w, out, length + TAG);
    }

    @Override
    public void open(ByteBuf src, int index, int length, ByteBuf dst) throws VmessException {
        if (encrypt) {
            throw new IllegalStateException("encrypting sealer used to open");
        }
        if (length < TAG) {
            throw new VmessException("invalid chunk: " + length + " bytes is shorter than the tag");
        }
        int plain = length - TAG;
        dst.ensureWritable(plain);
        int w = dst.writerIndex();
        MemorySegment in = segment(src, index, length);
        MemorySegment out = writableSegment(dst, w, plain);
        MemorySegment.copy(in, plain, MemorySegment.ofArray(tag), 0, TAG);
        boolean authentic;
        try {
            int ok = (int) CIPHER_INIT.invokeExact(ctx, MemorySegment.NULL, MemorySegment.NULL, MemorySegment.NULL,
                    nextNonce(), UNCHANGED);
            ok &= (int) CIPHER_UPDATE.invokeExact(ctx, out, MemorySegment.ofArray(outLength), in, plain);
            ok &= (int) CTX_CTRL.invokeExact(ctx, EVP_CTRL_AEAD_SET_TAG, TAG, MemorySegment.ofArray(tag));
            if (ok != 1) {
                throw new VmessException("failed to read chunk > OpenSSL ChaCha20-Poly1305 refused", false);
            }
            authentic = (int) CIPHER_FINAL.invokeExact(ctx, out.asSlice(plain), MemorySegment.ofArray(outLength)) == 1;
        } catch (VmessException e) {
            throw e;
        } catch (Throwable e) {
            throw new VmessException("failed to read chunk > " + e, false, e);
        }
        if (!authentic) {
            throw new VmessException("failed to read chunk > cipher: message authentication failed", false);
        }
        commit(dst, w, out, plain);
    }

    private MemorySegment nextNonce() {
        nonce[0] = (byte) (counter >>> 8);
        nonce[1] = (byte) counter;
        counter = (counter + 1) & 0xFFFF;
        return MemorySegment.ofArray(nonce);
    }

    /** The readable bytes in place: direct memory by address, a heap buffer's array, else a copy. */
    private MemorySegment segment(ByteBuf buf, int index, int length) {
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
    private MemorySegment writableSegment(ByteBuf dst, int w, int length) {
        if (dst.hasMemoryAddress()) {
            return MemorySegment.ofAddress(dst.memoryAddress() + w).reinterpret(length);
        }
        if (dst.hasArray()) {
            return MemorySegment.ofArray(dst.array()).asSlice(dst.arrayOffset() + w, length);
        }
        if (scratch == null || scratch.length < length) {
            scratch = new byte[Math.max(length, 4096)];
        }
        return MemorySegment.ofArray(scratch).asSlice(0, length);
    }

    private void commit(ByteBuf dst, int w, MemorySegment out, int length) {
        if (!dst.hasMemoryAddress() && !dst.hasArray()) {
            dst.setBytes(w, scratch, 0, length);
        }
        dst.writerIndex(w + length);
    }
}
