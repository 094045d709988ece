package dev.vtool.engine.transport.tls;

import dev.vtool.schema.transport.tls.TlsCertificate;
import dev.vtool.schema.transport.tls.TlsSettings;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The roots a TLS client trusts, as 4.34 builds its pool: the system's roots (unless
 * {@code disableSystemRoot}) plus every certificate listed in {@code certificates}, whatever its usage;
 * {@code allowInsecure} trusts anything.
 */
public final class ClientTrust {
    private ClientTrust() {
    }

    public static TrustManagerFactory of(TlsSettings settings) throws GeneralSecurityException, java.io.IOException {
        if (settings.allowInsecure()) {
            return InsecureTrustManagerFactory.INSTANCE;
        }
        List<X509Certificate> roots = new ArrayList<>();
        if (!settings.disableSystemRoot()) {
            TrustManagerFactory system = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            system.init((KeyStore) null);
            for (var tm : system.getTrustManagers()) {
                if (tm instanceof X509TrustManager x) {
                    roots.addAll(List.of(x.getAcceptedIssuers()));
                }
            }
        }
        for (TlsCertificate c : settings.certificates()) {
            roots.addAll(c.material().chain()); // loaded and checked when the config was read
        }
        KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
        store.load(null, null);
        for (int i = 0; i < roots.size(); i++) {
            store.setCertificateEntry("root" + i, roots.get(i));
        }
        TrustManagerFactory f = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        f.init(store);
        return f;
    }
}
