package dev.vtool.engine.transport.quic;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.transport.quic.QuicSettings;
import dev.vtool.testkit.FreePort;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * 4.34's packet protection against its vectors, and hostile datagrams on a QUIC listener (garbage, oversized,
 * a bare QUIC Initial without the AEAD envelope): dropped without an answer, nothing leaks, and a real client
 * still gets through afterwards.
 */
@ExtendWith(LeakCheck.class)
class HostileQuicListenerTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void packetProtectionVectors() {
        byte[] nonce = HEX.parseHex("000102030405060708090a0b");
        byte[] payload = "quic packet payload".getBytes(StandardCharsets.US_ASCII);
        assertEquals("72483b719324d9fa9d0d0dd3e1d394b795203c44ed946d87692335c46132e5a6",
                HEX.formatHex(QuicPacketProtection.derive("vtool-quic-key")));
        QuicPacketProtection aes = new QuicPacketProtection(new QuicSettings("aes-128-gcm", "vtool-quic-key", "none"));
        assertEquals("40e2f021416b9e207fd1b8152acb5893d7a72ef1718f7e2747b823251fe5ec26a554ea",
                HEX.formatHex(aes.seal(payload, nonce)).substring(24));
        QuicPacketProtection chacha = new QuicPacketProtection(new QuicSettings("chacha20-poly1305", "vtool-quic-key", "none"));
        byte[] sealed = chacha.seal(payload, nonce);
        assertEquals("b626a7fcdde42cbc3b8768469e923e300116079499f1092b0fc4e3cbb6312640f664f3",
                HEX.formatHex(sealed).substring(24));
        assertArrayEquals(payload, chacha.open(sealed));
        assertNull(aes.open(sealed), "another key does not open it");
        assertEquals(4 + 28, new QuicPacketProtection(new QuicSettings("aes-128-gcm", "", "srtp")).overhead());
        assertEquals(0, new QuicPacketProtection(new QuicSettings("none", "", "none")).overhead());
    }

    @Test
    void hostileDatagramsAreDroppedAndTheListenerStillServes() throws Exception {
        int port = FreePort.nextUdp();
        try (ServerSocket echo = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             EngineHarness server = new EngineHarness("""
                     {"log": {"loglevel": "info"},
                      "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                        "settings": {"clients": [{"id": "%s"}]}, "streamSettings": {"network": "quic"}}],
                      "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                     """.formatted(port, ID), LogLevel.INFO)) {
            Thread t = new Thread(() -> {
                try (Socket s = echo.accept()) {
                    s.getInputStream().transferTo(s.getOutputStream());
                } catch (java.io.IOException e) {
                    // the test fails on its own
                }
            });
            t.setDaemon(true);
            t.start();
            SecureRandom r = new SecureRandom();
            try (DatagramSocket s = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                for (int i = 0; i < 300; i++) {
                    byte[] g = new byte[1 + r.nextInt(1400)];
                    r.nextBytes(g);
                    s.send(new DatagramPacket(g, g.length, InetAddress.getLoopbackAddress(), port));
                }
                byte[] big = new byte[4000];
                s.send(new DatagramPacket(big, big.length, InetAddress.getLoopbackAddress(), port));
                // a QUIC v1 long-header Initial without 4.34's envelope: it does not open, so it is not QUIC here
                byte[] initial = new byte[1200];
                initial[0] = (byte) 0xC0;
                initial[4] = 1;
                s.send(new DatagramPacket(initial, initial.length, InetAddress.getLoopbackAddress(), port));
                s.setSoTimeout(500);
                try {
                    s.receive(new DatagramPacket(new byte[2048], 2048));
                    throw new AssertionError("the listener answered a datagram it should have dropped");
                } catch (SocketTimeoutException expected) {
                    // silence is right
                }
            }
            int in = FreePort.next();
            try (EngineHarness client = new EngineHarness("""
                    {"log": {"loglevel": "warning"},
                     "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                       "settings": {"address": "127.0.0.1", "port": %d, "network": "tcp"}}],
                     "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                       "users": [{"id": "%s"}]}]}, "streamSettings": {"network": "quic"}}]}
                    """.formatted(in, echo.getLocalPort(), port, ID), LogLevel.WARNING);
                 Socket c = new Socket(InetAddress.getLoopbackAddress(), in)) {
                c.setSoTimeout(10_000);
                byte[] msg = new byte[200_000];
                r.nextBytes(msg);
                OutputStream out = c.getOutputStream();
                out.write(msg);
                out.flush();
                assertArrayEquals(msg, c.getInputStream().readNBytes(msg.length), client.log() + server.log());
            }
            assertTrue(!server.log().contains("\tat "), server.log());
        }
    }
}
