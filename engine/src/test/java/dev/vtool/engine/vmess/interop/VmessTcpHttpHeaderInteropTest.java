package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * VMess over TCP with {@code header: {type: "http"}} against the real v2ray 4.34: bytes both ways in every
 * direction, what the client puts on the wire (a request picked from the templates), and the server's
 * answers to requests it refuses (404 for another path, 400 for a head without end), compared with v2ray's.
 */
@ExtendWith(LeakCheck.class)
class VmessTcpHttpHeaderInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String STREAM = """
            {"network": "tcp", "tcpSettings": {"header": {"type": "http",
              "request": {"path": ["/a", "/b"], "headers": {"Host": ["x.test", "y.test"], "X-Pad": "1"}},
              "response": {"reason": "Fine", "headers": {"Content-Type": "text/plain"}}}}}""";
    private static InteropCell cell;
    private static int vtoolPort;
    private static int v2rayPort;

    @BeforeAll
    static void servers() throws Exception {
        InteropCell.requireV2ray();
        cell = InteropCell.open("tcp-http-header", 2 * 1024 * 1024 + 1);
        vtoolPort = FreePort.next();
        cell.vtool("vtool server", server(vtoolPort), LogLevel.INFO);
        v2rayPort = FreePort.next();
        cell.v2ray("v2ray-server", server(v2rayPort), v2rayPort);
    }

    @AfterAll
    static void stop() throws Exception {
        if (cell != null) {
            cell.close();
        }
    }

    private static String server(int port) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}, "streamSettings": %s}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID, STREAM);
    }

    private static String client(int socksPort, int serverPort) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}, "streamSettings": %s}]}
                """.formatted(socksPort, serverPort, ID, STREAM);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"vtool->v2ray", "v2ray->vtool", "vtool->vtool"})
    void bytesTravelIntactBothWays(String direction) throws Exception {
        int serverPort = direction.endsWith("v2ray") ? v2rayPort : vtoolPort;
        int socksPort = FreePort.next();
        byte[] up = new byte[1024 * 1024 + 7];
        new Random(3).nextBytes(up);
        try (Side c = direction.startsWith("vtool") ? cell.vtool("vtool client", client(socksPort, serverPort), LogLevel.INFO)
                : cell.v2ray("v2ray-client-" + socksPort, client(socksPort, serverPort), socksPort)) {
            cell.assertTcp(socksPort, up, 2);
        }
    }

    @Test
    void theClientSendsARequestPickedFromTheTemplates() throws Exception {
        Set<String> seen = new HashSet<>();
        try (ServerSocket fake = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            int socksPort = FreePort.next();
            try (Side c = cell.vtool("vtool client", client(socksPort, fake.getLocalPort()), LogLevel.INFO)) {
                for (int i = 0; i < 12 && seen.size() < 4; i++) {
                    try (Socket app = new Socket("127.0.0.1", socksPort)) {
                        app.getOutputStream().write(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, 0, 80});
                        try (Socket s = fake.accept()) {
                            s.setSoTimeout(5000);
                            String head = readHead(s.getInputStream());
                            String[] lines = head.split("\r\n");
                            assertTrue(lines[0].equals("GET /a HTTP/1.1") || lines[0].equals("GET /b HTTP/1.1"), head);
                            assertTrue(lines[1].equals("Host: x.test") || lines[1].equals("Host: y.test"), head);
                            assertEquals("X-Pad: 1", lines[2], "configured headers replace the defaults, sorted by name");
                            assertEquals(3, lines.length, head);
                            seen.add(lines[0] + lines[1]);
                        }
                    }
                }
            }
        }
        assertTrue(seen.size() >= 2, "one of the listed values is picked at random: " + seen);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"GET /c HTTP/1.1\r\nHost: x\r\n\r\n", "GET /a?q=1 HTTP/1.1\r\nHost: x\r\n\r\nPAYLOAD", "garbage"})
    void refusedRequestsGetTheSameAnswerAsFromV2ray(String request) throws Exception {
        String vtool = firstLine(vtoolPort, request);
        String v2ray = firstLine(v2rayPort, request);
        assertEquals(v2ray, vtool, request);
    }

    @Test
    void aHeadWithoutEndGets400() throws Exception {
        String junk = "GET /a HTTP/1.1\r\n" + "X: ".repeat(3000);
        assertEquals("HTTP/1.1 400 Bad Request", firstLine(vtoolPort, junk));
        assertEquals("HTTP/1.1 400 Bad Request", firstLine(v2rayPort, junk));
    }

    /** The server's first line after {@code request} ("" if it sent nothing before closing or 2 s passed). */
    private static String firstLine(int port, String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.setSoTimeout(2000);
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            if (request.equals("garbage")) {
                s.shutdownOutput();
            }
            String head;
            try {
                head = readHead(s.getInputStream());
            } catch (IOException e) {
                return "";
            }
            return head.split("\r\n")[0];
        }
    }

    private static String readHead(InputStream in) throws IOException {
        StringBuilder b = new StringBuilder();
        int c;
        while ((c = in.read()) >= 0 && b.length() < 9000) {
            b.append((char) c);
            if (b.toString().endsWith("\r\n\r\n")) {
                return b.substring(0, b.length() - 4);
            }
        }
        return b.toString();
    }
}
