package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.vmess.body.ThreadCiphers;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import java.lang.reflect.Constructor;
import javax.crypto.spec.SecretKeySpec;

/**
 * Where a Shadowsocks stream's AEAD comes from: OpenSSL's libcrypto in place on the buffers (class
 * compiled for Java 22, present when the build ran with a JDK 25 beside it) when this JVM has the foreign
 * function API and libcrypto.so.3 loads, else a JCA Cipher over arrays. Both speak the same bytes. Per
 * 16 KiB chunk (bench/SsCodecBench.java) OpenSSL's AES-GCM costs about what AWS-LC's does over arrays,
 * without their two copies, and its ChaCha20-Poly1305 a quarter of the JDK's.
 * {@code -Dvtool.crypto.openssl=false} forces the JCA route.
 */
final class SsSealers {
    private static final String OPENSSL_CLASS = "dev.vtool.engine.shadowsocks.OpenSslSsSealer";
    private static final Constructor<?> OPENSSL = findOpenSsl();

    private SsSealers() {
    }

    /** OpenSSL's sealer where it is available, else the JCA's. */
    static SsSealer create(ShadowsocksMethod method, byte[] subkey, boolean encrypt) {
        SsSealer viaOpenSsl = openSsl(method, subkey, encrypt);
        return viaOpenSsl != null ? viaOpenSsl : jca(method, subkey, encrypt);
    }

    static SsSealer jca(ShadowsocksMethod method, byte[] subkey, boolean encrypt) {
        return method == ShadowsocksMethod.CHACHA20_POLY1305
                ? new JcaSsSealer(new SecretKeySpec(subkey, "ChaCha20"), ThreadCiphers.Algorithm.CHACHA20_POLY1305, encrypt)
                : new JcaSsSealer(new SecretKeySpec(subkey, "AES"), ThreadCiphers.Algorithm.AES_GCM, encrypt);
    }

    /** OpenSSL's sealer, or null where it is not available. */
    static SsSealer openSsl(ShadowsocksMethod method, byte[] subkey, boolean encrypt) {
        if (OPENSSL == null) {
            return null;
        }
        try {
            return (SsSealer) OPENSSL.newInstance(evpName(method), subkey, encrypt);
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    private static String evpName(ShadowsocksMethod method) {
        return switch (method) {
            case AES_128_GCM -> "EVP_aes_128_gcm";
            case AES_256_GCM -> "EVP_aes_256_gcm";
            case CHACHA20_POLY1305 -> "EVP_chacha20_poly1305";
            case NONE -> throw new IllegalArgumentException("none has no AEAD");
        };
    }

    private static Constructor<?> findOpenSsl() {
        if (Runtime.version().feature() < 22 || !Boolean.parseBoolean(System.getProperty("vtool.crypto.openssl", "true"))) {
            return null;
        }
        try {
            Constructor<?> c = Class.forName(OPENSSL_CLASS).getDeclaredConstructor(String.class, byte[].class, boolean.class);
            c.setAccessible(true);
            // loads libcrypto and binds every symbol once; each method's cipher must exist too
            for (ShadowsocksMethod m : ShadowsocksMethod.values()) {
                if (m.aead()) {
                    c.newInstance(evpName(m), new byte[m.keySize()], true);
                }
            }
            return c;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }
}
