package dev.vtool.engine.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.SocketProbe;
import dev.vtool.testkit.V2rayBinary;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Hostile input on the tcp+tls, ws and ws+tls listeners of a VMess inbound: garbage, a TLS ClientHello cut
 * mid-way, a websocket upgrade with a huge header, wrong paths. Each connection is closed within the
 * handshake limit (2 s here) plus slack, nothing leaks (Netty's leak detector, paranoid), and the
 * listeners still serve a proper upgrade afterwards. Also 4.34's path rule: exact match, query ignored.
 */
@ExtendWith(LeakCheck.class)
class HostileTlsWsListenerTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final int CLOSE_WITHIN = 8_000;
    private static int tlsPort;
    private static int wsPort;
    private static int wssPort;
    private static EngineHarness vtool;

    @BeforeAll
    static void start() throws Exception {
        tlsPort = FreePort.next();
        wsPort = FreePort.next();
        wssPort = FreePort.next();
        String certs = V2rayBinary.repoRoot().resolve("testdata/certs").toAbsolutePath().toString();
        String tls = "\"security\": \"tls\", \"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"%1$s/server.crt\", "
                .formatted(certs) + "\"keyFile\": \"%s/server.key\"}]}".formatted(certs);
        String ws = "\"network\": \"ws\", \"wsSettings\": {\"path\": \"/vt\"}";
        vtool = new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "policy": {"levels": {"0": {"handshake": 2}}},
                 "inbounds": [
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {%s}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {%s}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {%s, %s}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(tlsPort, ID, tls, wsPort, ID, ws, wssPort, ID, ws, tls), LogLevel.INFO);
    }

    @AfterAll
    static void stop() {
        if (vtool != null) {
            String log = vtool.log();
            vtool.close();
            assertTrue(!log.contains("\tat ") && !log.contains("io.netty"), "Java internals in the log: " + log);
            assertTrue(log.contains("tls: first record does not look like a TLS handshake"), log);
        }
    }

    private static SocketProbe.Outcome send(int port, byte[] bytes) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return SocketProbe.readUntilClosed(s, CLOSE_WITHIN);
        }
    }

    @Test
    void garbageIsClosedOnEveryListener() throws Exception {
        byte[] garbage = new byte[4096];
        new SecureRandom().nextBytes(garbage);
        garbage[0] = 0x16; // looks like a TLS handshake record at first glance
        for (int port : new int[] {tlsPort, wsPort, wssPort}) {
            assertTrue(send(port, garbage).closed(), "still open: " + port);
            assertTrue(send(port, "hello\r\n\r\n".getBytes(StandardCharsets.US_ASCII)).closed(), "still open: " + port);
        }
    }

    @Test
    void aClientHelloCutMidwayIsClosedByTheHandshakeLimit() throws Exception {
        byte[] hello = clientHello();
        for (int port : new int[] {tlsPort, wssPort}) {
            SocketProbe.Outcome o = send(port, Arrays.copyOf(hello, hello.length / 2));
            assertTrue(o.closed(), "still open: " + port);
            assertEquals(0, o.bytes(), "answered a half ClientHello");
        }
    }

    @Test
    void anUpgradeWithAHugeHeaderGets431AndIsClosed() throws Exception {
        // just over the 6 KiB limit: all of it is read, so the 431 arrives before the close
        String over = "GET /vt HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(7000) + "\r\n\r\n";
        // far over it: the server closes with bytes unread, which the kernel may turn into a reset
        String huge = "GET /vt HTTP/1.1\r\nHost: x\r\nX-Big: " + "a".repeat(1024 * 1024) + "\r\n\r\n";
        try (Socket s = new Socket("127.0.0.1", wsPort)) {
            s.getOutputStream().write(over.getBytes(StandardCharsets.US_ASCII));
            String answer = readAnswer(s);
            assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
        }
        try (SSLSocket s = tlsSocket(wssPort)) {
            s.getOutputStream().write(over.getBytes(StandardCharsets.US_ASCII));
            String answer = readAnswer(s);
            assertTrue(answer.startsWith("HTTP/1.1 431 "), answer);
        }
        for (int port : new int[] {wsPort, wssPort}) {
            try (Socket s = port == wsPort ? new Socket("127.0.0.1", port) : tlsSocket(port)) {
                try {
                    s.getOutputStream().write(huge.getBytes(StandardCharsets.US_ASCII));
                } catch (java.io.IOException closedWhileWriting) {
                    continue; // closed before the client finished: what we want
                }
                String answer = readAnswer(s);
                assertTrue(answer.startsWith("HTTP/1.1 431 ") || answer.equals("reset"), answer);
            }
        }
    }

    @Test
    void thePathMustMatchExactlyAndTheQueryIsIgnored() throws Exception {
        assertTrue(upgrade(wsPort, "/vt?ed=2048").startsWith("HTTP/1.1 101 "));
        assertTrue(upgrade(wsPort, "/vt").startsWith("HTTP/1.1 101 "));
        assertTrue(upgrade(wsPort, "/vt/").startsWith("HTTP/1.1 404 "));
        assertTrue(upgrade(wsPort, "/v").startsWith("HTTP/1.1 404 "));
        try (Socket s = new Socket("127.0.0.1", wsPort)) {
            s.getOutputStream().write("POST /vt HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            String answer = readAnswer(s);
            assertTrue(answer.startsWith("HTTP/1.1 405 "), answer);
        }
        try (Socket s = new Socket("127.0.0.1", wsPort)) {
            s.getOutputStream().write("GET /vt HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String answer = readAnswer(s);
            assertTrue(answer.startsWith("HTTP/1.1 400 "), answer);
        }
    }

    @Test
    void anUpgradedConnectionThatSendsNothingIsClosedByTheHandshakeLimitWithClose1000() throws Exception {
        try (Socket s = new Socket("127.0.0.1", wsPort)) {
            s.getOutputStream().write(upgradeRequest("/vt"));
            InputStream in = s.getInputStream();
            s.setSoTimeout(CLOSE_WITHIN);
            byte[] all = in.readAllBytes();
            String text = new String(all, StandardCharsets.ISO_8859_1);
            int body = text.indexOf("\r\n\r\n") + 4;
            assertTrue(text.startsWith("HTTP/1.1 101 "), text);
            // the server's Close frame: FIN + opcode 8, unmasked, status 1000
            assertEquals("88 02 03 e8", hex(Arrays.copyOfRange(all, body, all.length)));
        }
    }

    private static String upgrade(int port, String path) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(upgradeRequest(path));
            s.setSoTimeout(CLOSE_WITHIN);
            byte[] buf = new byte[512];
            int n = s.getInputStream().read(buf);
            return n <= 0 ? "" : new String(buf, 0, n, StandardCharsets.ISO_8859_1);
        }
    }

    private static byte[] upgradeRequest(String path) {
        return ("GET " + path + " HTTP/1.1\r\nHost: vtool.test\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n"
                + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    private static String readAnswer(Socket s) throws Exception {
        s.setSoTimeout(CLOSE_WITHIN);
        try {
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        } catch (java.net.SocketException | javax.net.ssl.SSLException reset) {
            return "reset";
        }
    }

    private static String hex(byte[] b) {
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(sb.length() == 0 ? "" : " ").append(String.format("%02x", x));
        }
        return sb.toString();
    }

    private static SSLContext trustAll() throws Exception {
        SSLContext c = SSLContext.getInstance("TLS");
        c.init(null, new TrustManager[] {new X509TrustManager() {
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
        }}, new SecureRandom());
        return c;
    }

    private static SSLSocket tlsSocket(int port) throws Exception {
        SSLSocket s = (SSLSocket) trustAll().getSocketFactory().createSocket("127.0.0.1", port);
        s.startHandshake();
        return s;
    }

    /** A real ClientHello record, as the JDK's engine writes it first. */
    private static byte[] clientHello() throws Exception {
        SSLEngine e = trustAll().createSSLEngine("vtool.test", 443);
        e.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }

}
