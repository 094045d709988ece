package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.encoding.ClientSession;
import dev.vtool.engine.vmess.encoding.RequestTarget;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The vmess inbound seen from a raw socket: failed handshakes get zero bytes back and are closed only
 * once the drain budget is consumed; insecure encryption is refused with a clear log line; a Mux carrier is served.
 */
class VmessInboundBehaviourTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static EngineHarness server;
    private static int port;
    private static HttpOrigin origin;

    @BeforeAll
    static void start() throws Exception {
        origin = new HttpOrigin(1000);
        port = FreePort.next();
        server = new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "policy": {"levels": {"0": {"handshake": 4}}},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0, "email": "t@x"}], "disableInsecureEncryption": true}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID), LogLevel.INFO);
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (origin != null) {
            origin.close();
        }
    }

    /** Reads until EOF or timeout; returns bytes received, or -1 when still open at the timeout. */
    private static int readUntilClosed(Socket s, int timeoutMillis) throws IOException {
        s.setSoTimeout(timeoutMillis);
        InputStream in = s.getInputStream();
        int total = 0;
        try {
            byte[] buf = new byte[4096];
            int n;
            while ((n = in.read(buf)) >= 0) {
                total += n;
            }
            return total;
        } catch (SocketTimeoutException stillOpen) {
            return total > 0 ? total : -1;
        } catch (IOException reset) {
            return total;
        }
    }

    private static String waitForLog(String needle) throws InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (server.log().contains(needle)) {
                return server.log();
            }
            Thread.sleep(30);
        }
        return server.log();
    }

    @Test
    void garbageBelowTheBudgetIsHeldOpenAndAboveItClosedWithNothingSent() throws Exception {
        byte[] garbage = new byte[16];
        new Random(1).nextBytes(garbage);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(garbage);
            assertEquals(-1, readUntilClosed(s, 700), "a 16-byte probe must not be answered or closed early");
            s.getOutputStream().write(new byte[4096]);
            assertEquals(0, readUntilClosed(s, 3000), "closed after the budget, with zero bytes back");
        }
        assertTrue(waitForLog("connection drained DrainSize = ").contains("invalid user > v2ray.com/core/proxy/vmess: Not Found"));
    }

    @Test
    void silentProbeIsClosedAtTheHandshakeDeadline() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(new byte[5]);
            long start = System.nanoTime();
            assertEquals(0, readUntilClosed(s, 8000));
            long ms = (System.nanoTime() - start) / 1_000_000;
            assertTrue(ms > 3000 && ms < 6000, "closed after " + ms + " ms, policy handshake is 4 s");
        }
    }

    private static byte[] header(SecurityType security, RequestCommand command) {
        ClientSession c = new ClientSession(VmessId.parse(ID), List.of(), VmessRandom.SYSTEM);
        return c.encodeRequestHeader(0x05, security, command, RequestTarget.of("127.0.0.1", origin.port()),
                System.currentTimeMillis() / 1000);
    }

    /** An authenticated header whose checksum is wrong: 4.34 closes at once, vtool drains like any failure. */
    private static byte[] badChecksumHeader() {
        byte[] iv = new byte[16];
        byte[] key = new byte[16];
        new Random().nextBytes(iv);
        new Random().nextBytes(key);
        byte[] pt = dev.vtool.engine.vmess.encoding.RequestPlaintext.encode(new dev.vtool.engine.vmess.encoding.RequestHeader(
                1, iv, key, 7, 0x05, SecurityType.AES_128_GCM, RequestCommand.TCP,
                RequestTarget.of("127.0.0.1", origin.port())), new byte[0]);
        pt[pt.length - 1] ^= 1;
        byte[] cmdKey = VmessId.parse(ID).cmdKeyUnsafe();
        byte[] authId = dev.vtool.engine.vmess.aead.AuthId.create(cmdKey, System.currentTimeMillis() / 1000, new byte[] {1, 2, 3, 4});
        return dev.vtool.engine.vmess.aead.SealedRequestHeader.seal(cmdKey, authId, new byte[8], pt);
    }

    @Test
    void anAuthenticatedDecodingFailureIsHeldLikeAProbeNotClosedAtOnce() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(badChecksumHeader());
            assertEquals(-1, readUntilClosed(s, 700), "closing at once would tell the checksum failed");
            s.getOutputStream().write(new byte[4096]);
            assertEquals(0, readUntilClosed(s, 3000), "closed after the budget, with zero bytes back");
        }
        assertTrue(waitForLog("invalid auth, but this is a AEAD request").contains("invalid auth, but this is a AEAD request"));
    }

    @Test
    void insecureEncryptionIsRefusedWithV2raysWords() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(header(SecurityType.NONE, RequestCommand.TCP));
            assertEquals(0, readUntilClosed(s, 3000));
        }
        String log = waitForLog("client is using insecure encryption: NONE");
        assertTrue(log.contains("v2ray.com/core/proxy/vmess/inbound: client is using insecure encryption: NONE"), log);
        assertTrue(log.contains(" rejected  Insecure encryption email: t@x"), log);
    }

    @Test
    void aMuxCarrierIsServedAndEndsWithItsClient() throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(header(SecurityType.AES_128_GCM, RequestCommand.MUX));
            s.shutdownOutput();
            assertTrue(readUntilClosed(s, 3000) >= 0, "a carrier whose client ended without sessions closes");
        }
        assertTrue(waitForLog("received request for tcp:v1.mux.cool:0").contains("received request for tcp:v1.mux.cool:0"));
    }

    @Test
    void replayedHandshakeGetsNothing() throws Exception {
        byte[] h = header(SecurityType.AES_128_GCM, RequestCommand.TCP);
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(h);
            s.shutdownOutput();
            assertTrue(readUntilClosed(s, 3000) > 0, "first use is answered (response header at least)");
        }
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(h);
            s.getOutputStream().write(new byte[4096]);
            assertEquals(0, readUntilClosed(s, 3000));
        }
        assertTrue(waitForLog("invalid user > replayed request").contains("invalid user > replayed request"));
    }
}
