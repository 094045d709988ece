package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.V2rayProcess;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What a prober sees, vtool against the real v2ray 4.34 with the same shadowsocks inbound: a little
 * junk (less than the drain budget) leaves the connection open and silent; a lot of junk (more than any
 * budget) gets it closed at once; neither ever gets a byte back.
 */
@ExtendWith(LeakCheck.class)
class SsProbeParityTest {
    private static String json(int port) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "shadowsocks",
                   "settings": {"method": "aes-256-gcm", "password": "probe me"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(port);
    }

    /** "open" when nothing happened within the wait, "closed" on EOF or reset, "answered" on any byte. */
    private static String probe(int port, int junkBytes) throws IOException {
        byte[] junk = new byte[junkBytes];
        new Random(junkBytes).nextBytes(junk);
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            s.setSoTimeout(1500);
            try {
                s.getOutputStream().write(junk);
            } catch (SocketException reset) {
                return "closed";
            }
            InputStream in = s.getInputStream();
            try {
                return in.read() < 0 ? "closed" : "answered";
            } catch (SocketTimeoutException e) {
                return "open";
            } catch (SocketException reset) {
                return "closed";
            }
        }
    }

    @Test
    void junkGetsTheSameTreatmentAsFromV2ray() throws Exception {
        V2rayBinary.require();
        Path dir = Files.createTempDirectory("ss-probe");
        int vtoolPort = FreePort.next();
        int v2rayPort = FreePort.next();
        try (EngineHarness vtool = new EngineHarness(json(vtoolPort), LogLevel.WARNING);
             V2rayProcess v2ray = V2rayProcess.start(dir, "server", json(v2rayPort), v2rayPort)) {
            for (int junk : new int[] {20, 200, 8000}) {
                String expected = probe(v2rayPort, junk);
                assertEquals(junk >= 8000 ? "closed" : "open", expected, "v2ray with " + junk + " junk bytes");
                assertEquals(expected, probe(vtoolPort, junk), "vtool with " + junk + " junk bytes");
            }
        }
    }
}
