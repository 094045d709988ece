package dev.vtool.engine.vmess.aead;

import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/** One-shot AES helpers for the handshake (single blocks and small GCM messages). */
public final class Aes {
    /** One GCM cipher per thread, initialised anew for each message (getInstance looks up providers). */
    private static final ThreadLocal<Cipher> GCM = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    });

    private Aes() {
    }

    public static Cipher ecb(byte[] key16, boolean encrypt) {
        try {
            Cipher c = Cipher.getInstance("AES/ECB/NoPadding");
            c.init(encrypt ? Cipher.ENCRYPT_MODE : Cipher.DECRYPT_MODE, new SecretKeySpec(key16, "AES"));
            return c;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/ECB unavailable", e);
        }
    }

    public static byte[] gcmSeal(byte[] key16, byte[] nonce12, byte[] plain, byte[] aad) {
        try {
            Cipher c = GCM.get();
            SecretKeySpec key = new SecretKeySpec(key16, "AES");
            GCMParameterSpec spec = new GCMParameterSpec(128, nonce12);
            try {
                c.init(Cipher.ENCRYPT_MODE, key, spec);
            } catch (InvalidAlgorithmParameterException sameKeyAndNonce) {
                // the JDK refuses to seal twice in a row with one key and nonce on one Cipher (only known
                // vectors do that): a fresh Cipher does what was asked
                c = Cipher.getInstance("AES/GCM/NoPadding");
                c.init(Cipher.ENCRYPT_MODE, key, spec);
            }
            if (aad != null) {
                c.updateAAD(aad);
            }
            return c.doFinal(plain);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    }

    /** Returns null when the tag does not verify. */
    public static byte[] gcmOpen(byte[] key16, byte[] nonce12, byte[] sealed, int off, int len, byte[] aad) {
        try {
            Cipher c = GCM.get();
            c.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key16, "AES"), new GCMParameterSpec(128, nonce12));
            if (aad != null) {
                c.updateAAD(aad);
            }
            return c.doFinal(sealed, off, len);
        } catch (AEADBadTagException e) {
            return null;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES/GCM unavailable", e);
        }
    }
}
