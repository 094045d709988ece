package dev.vtool.engine.transport.tls;

import io.netty.handler.ssl.ApplicationProtocolConfig;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.util.List;

/**
 * Which TLS implementation Netty runs: BoringSSL (netty-tcnative-boringssl-static) when its native library
 * loads, else the JDK's; {@code -Dvtool.tls.provider=jdk} forces the JDK's. BoringSSL measured at about half
 * the JDK's CPU per byte and a quarter per full handshake (bench/TlsProviderBench.java, JDK 17 and 25).
 */
public final class TlsProviders {
    /** The property that overrides the choice: {@code jdk} (or {@code openssl}, the default). */
    public static final String PROPERTY = "vtool.tls.provider";
    private static final String DIRECT_KEYS = "io.netty.handler.ssl.openssl.useKeyManagerFactory";

    private static final SslProvider CHOSEN = choose(System.getProperty(PROPERTY, ""));

    private TlsProviders() {
    }

    /** The provider every TLS context of this process uses. */
    public static SslProvider provider() {
        return CHOSEN;
    }

    static SslProvider choose(String wanted) {
        if (wanted.equalsIgnoreCase("jdk")) {
            return SslProvider.JDK; // the native library is not even loaded
        }
        // Netty would hand OpenSSL the key through a PKCS#12 key store, encrypted and decrypted again with
        // PBKDF2 (seconds for the first context on a loaded machine, before the JIT has compiled SHA-256);
        // the key is in memory already, so it goes in directly.
        if (System.getProperty(DIRECT_KEYS) == null) {
            System.setProperty(DIRECT_KEYS, "false");
        }
        return OpenSsl.isAvailable() && OpenSsl.isAlpnSupported() ? SslProvider.OPENSSL : SslProvider.JDK;
    }

    /**
     * Applies the provider and, for OpenSSL, the ALPN list (its engines take ALPN from the context only;
     * with the JDK the engine's parameters carry it, per connection). OpenSSL's server picks the server's
     * first protocol the client offers, as Go does, and proceeds without ALPN when none matches; the cases
     * where Go fails instead are refused by {@link GoSniHandler} before the handshake.
     */
    static SslContextBuilder configure(SslContextBuilder b, List<String> alpn) {
        b.sslProvider(CHOSEN);
        if (CHOSEN != SslProvider.JDK && !alpn.isEmpty()) {
            b.applicationProtocolConfig(new ApplicationProtocolConfig(ApplicationProtocolConfig.Protocol.ALPN,
                    ApplicationProtocolConfig.SelectorFailureBehavior.NO_ADVERTISE,
                    ApplicationProtocolConfig.SelectedListenerFailureBehavior.ACCEPT, alpn));
        }
        return b;
    }
}
