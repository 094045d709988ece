package dev.vtool.engine.vmess.body;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.model.LogLevel;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Which implementation seals VMess bodies in this JVM, in words for the log: users who see a proxy
 * spend more CPU than expected can tell the native paths from the JDK fallbacks.
 */
public final class BodyCiphers {
    /** The first JDK with a ChaCha20 intrinsic; before it the JDK's cipher is about 4× slower. */
    private static final int CHACHA_INTRINSIC_JDK = 20;

    private static final AtomicBoolean LOADING = new AtomicBoolean();

    private BodyCiphers() {
    }

    /**
     * Logs (at info) which ciphers seal bodies, which loads them; when info is off, loads them on a
     * background thread instead, once per JVM. Loading ACCP runs AWS-LC's self-tests and binding OpenSSL
     * builds method handles for every symbol: together most of {@code run}'s time to ready, spent for
     * connections that come later. A connection that needs a cipher before the thread is done waits for
     * it (class initialisation).
     */
    public static void report(EngineLog log, String pkg) {
        if (log.enabled(LogLevel.INFO)) {
            log.info(0, pkg, "body ciphers: " + describe());
            return;
        }
        if (LOADING.compareAndSet(false, true)) {
            Thread loader = new Thread(BodyCiphers::describe, "vtool-cipher-load");
            loader.setDaemon(true);
            loader.start();
        }
    }

    /** e.g. "aes-128-gcm by AWS-LC (Amazon Corretto Crypto Provider), chacha20-poly1305 by OpenSSL (libcrypto.so.3)". */
    public static String describe() {
        String aes = AesGcmProvider.accp() != null ? "AWS-LC (Amazon Corretto Crypto Provider)" : "the JDK";
        String chacha = ChaChaSealers.openSslAvailable() ? "OpenSSL (libcrypto.so.3)" : "the JDK";
        return "aes-128-gcm by " + aes + ", chacha20-poly1305 by " + chacha;
    }

    /** True when chacha20-poly1305 falls back to a JDK cipher without the ChaCha20 intrinsic (Java 17-19). */
    public static boolean chachaIsSlowHere() {
        // the version first: on a JDK with the intrinsic, OpenSSL is not probed here (that takes a while)
        return Runtime.version().feature() < CHACHA_INTRINSIC_JDK && !ChaChaSealers.openSslAvailable();
    }
}
