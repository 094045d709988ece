package dev.vtool.engine.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a vtool TLS server chooses, as 4.34 (Go) does: the certificate by SNI (the first one without a
 * match), and ALPN by the transport's default list in server order: a tcp+tls server offers only
 * {@code h2} (a client offering only {@code http/1.1} proceeds without ALPN), a ws+tls server
 * {@code h2, http/1.1}; no overlap fails the handshake.
 */
@ExtendWith(LeakCheck.class)
class TlsServerChoicesTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static int tcpPort;
    private static int wsPort;
    private static EngineHarness vtool;

    @BeforeAll
    static void start() throws Exception {
        tcpPort = FreePort.next();
        wsPort = FreePort.next();
        String dir = V2rayBinary.repoRoot().resolve("schema/src/test/resources/tls").toAbsolutePath().toString();
        String tls = """
                "security": "tls", "tlsSettings": {"certificates": [
                  {"certificateFile": "%1$s/ec.crt", "keyFile": "%1$s/ec-sec1.key"},
                  {"certificateFile": "%1$s/rsa.crt", "keyFile": "%1$s/rsa-pkcs1.key"}]}""".formatted(dir);
        vtool = new EngineHarness("""
                {"inbounds": [
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {%s}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {"network": "ws", %s}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(tcpPort, ID, tls, wsPort, ID, tls), LogLevel.WARNING);
    }

    @AfterAll
    static void stop() {
        if (vtool != null) {
            vtool.close();
        }
    }

    /** Handshakes and returns {certificate CN, negotiated ALPN}. */
    private static String[] handshake(int port, String sni, String... alpn) throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new TrustAll()}, new SecureRandom());
        try (SSLSocket s = (SSLSocket) c.getSocketFactory().createSocket("127.0.0.1", port)) {
            SSLParameters p = s.getSSLParameters();
            if (sni != null) {
                p.setServerNames(List.of(new SNIHostName(sni)));
            }
            p.setApplicationProtocols(alpn);
            s.setSSLParameters(p);
            s.setSoTimeout(5_000);
            s.startHandshake();
            X509Certificate leaf = (X509Certificate) s.getSession().getPeerCertificates()[0];
            return new String[] {leaf.getSubjectX500Principal().getName(), s.getApplicationProtocol()};
        }
    }

    @Test
    void theCertificateIsChosenBySniAndTheFirstServesEverythingElse() throws Exception {
        assertEquals("CN=rsa.test", handshake(tcpPort, "rsa.test")[0]);
        assertEquals("CN=ec.test", handshake(tcpPort, "ec.test")[0]);
        assertEquals("CN=ec.test", handshake(tcpPort, "unknown.test")[0]);
        assertEquals("CN=ec.test", handshake(tcpPort, null)[0]);
        assertEquals("CN=rsa.test", handshake(wsPort, "RSA.test")[0]);
    }

    @Test
    void alpnFollows434sDefaultsPerTransport() throws Exception {
        assertEquals("h2", handshake(tcpPort, "ec.test", "h2", "http/1.1")[1]);
        assertEquals("", handshake(tcpPort, "ec.test", "http/1.1")[1]);
        assertEquals("h2", handshake(wsPort, "ec.test", "http/1.1", "h2")[1]);
        assertEquals("http/1.1", handshake(wsPort, "ec.test", "http/1.1")[1]);
        assertThrows(javax.net.ssl.SSLException.class, () -> handshake(tcpPort, "ec.test", "spdy/3"));
    }

    @Test
    void goAlpnRules() {
        assertEquals("h2", GoAlpn.choose(List.of("h2", "http/1.1"), List.of("http/1.1", "h2")));
        assertEquals("", GoAlpn.choose(List.of("h2"), List.of("http/1.1")));
        assertEquals("", GoAlpn.choose(List.of("h2"), List.of()));
        assertEquals("", GoAlpn.choose(List.of(), List.of("x")));
        assertNull(GoAlpn.choose(List.of("h2"), List.of("x")));
    }

    private static final class TrustAll implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
