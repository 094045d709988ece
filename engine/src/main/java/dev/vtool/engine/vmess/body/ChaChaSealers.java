package dev.vtool.engine.vmess.body;

import java.lang.reflect.Constructor;

/**
 * Where the body's ChaCha20-Poly1305 comes from: OpenSSL's libcrypto through the foreign function API
 * (class compiled for Java 22, present when the build ran with a JDK 25 beside it) when this JVM has
 * that API and libcrypto.so.3 loads, else the JDK's cipher. Both speak the same bytes; OpenSSL costs
 * about a third less CPU on V2Ray's 2 KiB chunks. {@code -Dvtool.crypto.openssl=false} forces the JDK.
 */
public final class ChaChaSealers {
    private static final String OPENSSL_CLASS = "dev.vtool.engine.vmess.body.OpenSslChaCha20Poly1305";
    private static final Constructor<?> OPENSSL = findOpenSsl();

    private ChaChaSealers() {
    }

    static ChunkSealer create(byte[] key16, byte[] iv, boolean encrypt) {
        ChunkSealer viaOpenSsl = openSsl(key16, iv, encrypt);
        return viaOpenSsl != null ? viaOpenSsl : JcaAeadSealer.chacha20Poly1305(key16, iv, encrypt);
    }

    /** OpenSSL's sealer, or null where it is not available. */
    static ChunkSealer openSsl(byte[] key16, byte[] iv, boolean encrypt) {
        if (OPENSSL == null) {
            return null;
        }
        try {
            return (ChunkSealer) OPENSSL.newInstance(JcaAeadSealer.chachaKey(key16), iv, encrypt);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    static boolean openSslAvailable() {
        return OPENSSL != null;
    }

    private static Constructor<?> findOpenSsl() {
        if (Runtime.version().feature() < 22 || !Boolean.parseBoolean(System.getProperty("vtool.crypto.openssl", "true"))) {
            return null;
        }
        try {
            Constructor<?> c = Class.forName(OPENSSL_CLASS).getDeclaredConstructor(byte[].class, byte[].class, boolean.class);
            c.setAccessible(true);
            c.newInstance(new byte[32], new byte[16], true); // loads libcrypto and binds every symbol once
            return c;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
