package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.crypto.OpenSslAead;
import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;

/**
 * AES-128/256-GCM or ChaCha20-Poly1305 through OpenSSL's libcrypto, in place ({@link OpenSslAead}): a 16 KiB
 * chunk is never copied on its way through the cipher (the JCA route copies it twice). One context per
 * direction, keyed once and re-armed with each nonce. Compiled with --release 22 and loaded only by
 * {@link SsSealers} on a JDK that has the API.
 */
final class OpenSslSsSealer implements SsSealer {
    private final OpenSslAead aead;

    /** @param cipher libcrypto's function that names the cipher: EVP_aes_128_gcm, EVP_aes_256_gcm or EVP_chacha20_poly1305 */
    OpenSslSsSealer(String cipher, byte[] key, boolean encrypt) {
        this.aead = new OpenSslAead(cipher, key, encrypt);
    }

    @Override
    public void seal(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException {
        try {
            aead.seal(nonce, src, index, len, dst, dstIndex);
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }

    @Override
    public boolean open(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException {
        try {
            return aead.open(nonce, src, index, len, dst, dstIndex);
        } catch (IllegalStateException e) {
            throw new GeneralSecurityException(e.getMessage(), e);
        }
    }
}
