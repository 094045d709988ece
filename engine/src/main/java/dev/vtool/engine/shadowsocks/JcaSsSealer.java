package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.vmess.body.JcaAead;
import dev.vtool.engine.vmess.body.ThreadCiphers;
import io.netty.buffer.ByteBuf;
import java.security.GeneralSecurityException;
import javax.crypto.AEADBadTagException;
import javax.crypto.SecretKey;

/**
 * AES-GCM (AWS-LC where it loads, else the JDK's) or the JDK's ChaCha20-Poly1305 through a JCA Cipher
 * ({@link JcaAead}: the thread's shared one, initialised for every block, over byte arrays).
 */
final class JcaSsSealer implements SsSealer {
    private final JcaAead aead;

    JcaSsSealer(SecretKey key, ThreadCiphers.Algorithm algorithm, boolean encrypt) {
        this.aead = new JcaAead(key, algorithm, encrypt);
    }

    @Override
    public void seal(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException {
        aead.doFinal(nonce, src, index, len, dst, dstIndex, len + SsAead.TAG);
    }

    @Override
    public boolean open(byte[] nonce, ByteBuf src, int index, int len, ByteBuf dst, int dstIndex) throws GeneralSecurityException {
        try {
            aead.doFinal(nonce, src, index, len, dst, dstIndex, len - SsAead.TAG);
            return true;
        } catch (AEADBadTagException e) {
            return false;
        }
    }
}
