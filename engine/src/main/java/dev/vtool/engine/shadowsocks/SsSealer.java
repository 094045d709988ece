package dev.vtool.engine.shadowsocks;

import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;

/**
 * One direction's AEAD under its subkey, working on Netty buffers with the nonce its caller gives
 * ({@link SsAead} counts the nonces). No associated data; the 16-byte tag follows the ciphertext.
 */
interface SsSealer {
    /** Seals {@code len} bytes of src at {@code index} into dst at {@code dstIndex} ({@code len + 16} bytes). */
    void seal(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException;

    /**
     * Opens {@code len} sealed bytes of src at {@code index} into dst at {@code dstIndex} ({@code len - 16}
     * bytes); false when the tag does not verify (what dst holds then is undefined).
     */
    boolean open(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException;
}
