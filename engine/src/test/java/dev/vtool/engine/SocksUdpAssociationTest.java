package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/spec/security.md 1.6: the SOCKS UDP relay serves only clients holding an authenticated UDP ASSOCIATE and
 * stops when that TCP connection closes (RFC 1928 section 7). V2Ray 4.34 relays for anyone.
 */
@ExtendWith(LeakCheck.class)
class SocksUdpAssociationTest {
    private static final String CONFIG = """
            {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks",
                           "settings": {"auth": "password", "accounts": [{"user": "u", "pass": "p"}], "udp": true}}],
             "outbounds": [{"protocol": "freedom"}]}
            """;

    private static byte[] datagram(int echoPort, String text) {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(10 + payload.length).put(new byte[] {0, 0, 0, 1, 127, 0, 0, 1})
                .putShort((short) echoPort).put(payload).array();
    }

    /** Sends one datagram to the relay; returns whether any answer came back within the wait. */
    private static boolean answered(DatagramSocket udp, int relayPort, int echoPort, String text, int waitMillis)
            throws Exception {
        byte[] d = datagram(echoPort, text);
        udp.send(new DatagramPacket(d, d.length, new InetSocketAddress("127.0.0.1", relayPort)));
        udp.setSoTimeout(waitMillis);
        try {
            udp.receive(new DatagramPacket(new byte[2048], 2048));
            return true;
        } catch (SocketTimeoutException none) {
            return false;
        }
    }

    private static Socket associate(int port) throws Exception {
        Socket tcp = new Socket();
        tcp.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        tcp.setSoTimeout(3000);
        DataInputStream in = new DataInputStream(tcp.getInputStream());
        tcp.getOutputStream().write(new byte[] {5, 1, 2});
        byte[] method = new byte[2];
        in.readFully(method);
        assertEquals(2, method[1]);
        tcp.getOutputStream().write(new byte[] {1, 1, 'u', 1, 'p'});
        byte[] auth = new byte[2];
        in.readFully(auth);
        assertEquals(0, auth[1], "password accepted");
        tcp.getOutputStream().write(new byte[] {5, 3, 0, 1, 0, 0, 0, 0, 0, 0});
        byte[] reply = new byte[10];
        in.readFully(reply);
        assertEquals(0, reply[1], "UDP ASSOCIATE granted");
        return tcp;
    }

    @Test
    void udpIsRelayedOnlyWhileAnAuthenticatedAssociationIsOpen() throws Exception {
        int port = FreePort.next();
        try (TestOrigin echo = new TestOrigin();
             EngineHarness vtool = new EngineHarness(CONFIG.formatted(port));
             DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            // (1) no credentials: refused
            try (Socket tcp = new Socket("127.0.0.1", port)) {
                tcp.setSoTimeout(3000);
                tcp.getOutputStream().write(new byte[] {5, 1, 0});
                byte[] m = new byte[2];
                new DataInputStream(tcp.getInputStream()).readFully(m);
                assertEquals((byte) 0xFF, m[1], "no acceptable method without a password");
            }
            // (2) no association: nothing reaches the echo
            assertTrue(!answered(udp, port, echo.udpPort(), "stray", 1500), "relayed without an association");
            assertTrue(vtool.awaitLog("no UDP ASSOCIATE from this client is open", Duration.ofSeconds(2)), vtool.log());
            // (3) with an authenticated association: relayed
            Socket control = associate(port);
            assertTrue(answered(udp, port, echo.udpPort(), "allowed", 3000), "an associated client is served");
            // (4) association ends with its TCP connection
            control.close();
            Thread.sleep(300);
            assertTrue(!answered(udp, port, echo.udpPort(), "after-close", 1500), "relayed after the TCP close");
        }
    }
}
