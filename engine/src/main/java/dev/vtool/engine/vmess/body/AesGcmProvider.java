package dev.vtool.engine.vmess.body;

import java.security.GeneralSecurityException;
import java.security.Provider;
import javax.crypto.Cipher;

/**
 * Where the body's AES-128-GCM ciphers come from. Amazon Corretto Crypto Provider (AWS-LC) costs about a
 * third less than the JDK per 2 KiB chunk, because the JDK builds a fresh GCM engine on every
 * {@code init} (bench/vmess.sh; a JMH-free loop of 2030-byte seals on Temurin 25: 0.23 vs 0.33-0.37 CPU
 * s/GiB). ACCP ships a native library for linux-x86_64 only; anywhere it does not load (or with
 * {@code -Dvtool.crypto.accp=false}) the JDK's cipher is used, which speaks the same bytes.
 */
public final class AesGcmProvider {
    static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final Provider ACCP = loadAccp();

    private AesGcmProvider() {
    }

    /** A cipher from ACCP when it loaded, else from the JDK. */
    public static Cipher newCipher() throws GeneralSecurityException {
        return ACCP != null ? Cipher.getInstance(TRANSFORMATION, ACCP) : Cipher.getInstance(TRANSFORMATION);
    }

    /** ACCP's provider when its native library loaded and passed its self-tests; null otherwise. */
    public static Provider accp() {
        return ACCP;
    }

    private static Provider loadAccp() {
        if (!Boolean.parseBoolean(System.getProperty("vtool.crypto.accp", "true"))) {
            return null;
        }
        try {
            Class<?> type = Class.forName("com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider");
            Provider provider = (Provider) type.getField("INSTANCE").get(null);
            // null when the native library loaded and its self-tests passed
            Object error = type.getMethod("getLoadingError").invoke(provider);
            if (error != null) {
                return null;
            }
            Cipher.getInstance(TRANSFORMATION, provider);
            return provider;
        } catch (ReflectiveOperationException | LinkageError | GeneralSecurityException | RuntimeException e) {
            return null;
        }
    }
}
