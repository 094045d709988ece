package dev.vtool.engine.vmess.body;

/**
 * Which implementation seals VMess bodies in this JVM, in words for the log: users who see a proxy
 * spend more CPU than expected can tell the native paths from the JDK fallbacks.
 */
public final class BodyCiphers {
    /** The first JDK with a ChaCha20 intrinsic; before it the JDK's cipher is about 4× slower. */
    private static final int CHACHA_INTRINSIC_JDK = 20;

    private BodyCiphers() {
    }

    /** e.g. "aes-128-gcm by AWS-LC (Amazon Corretto Crypto Provider), chacha20-poly1305 by OpenSSL (libcrypto.so.3)". */
    public static String describe() {
        String aes = AesGcmProvider.accp() != null ? "AWS-LC (Amazon Corretto Crypto Provider)" : "the JDK";
        String chacha = ChaChaSealers.openSslAvailable() ? "OpenSSL (libcrypto.so.3)" : "the JDK";
        return "aes-128-gcm by " + aes + ", chacha20-poly1305 by " + chacha;
    }

    /** True when chacha20-poly1305 falls back to a JDK cipher without the ChaCha20 intrinsic (Java 17-19). */
    public static boolean chachaIsSlowHere() {
        return !ChaChaSealers.openSslAvailable() && Runtime.version().feature() < CHACHA_INTRINSIC_JDK;
    }
}
