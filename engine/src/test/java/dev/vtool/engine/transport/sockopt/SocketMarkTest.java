package dev.vtool.engine.transport.sockopt;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.DataInputStream;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code sockopt.mark} on an outbound: the connection vtool dials carries SO_MARK, as {@code ss -e} shows.
 * Setting a mark needs CAP_NET_ADMIN: without it the test is skipped, saying so.
 */
class SocketMarkTest {
    private static boolean hasNetAdmin() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("CapEff:")) {
                return new BigInteger(line.substring(7).trim(), 16).testBit(12);
            }
        }
        return false;
    }

    @Test
    void theDialledConnectionCarriesTheMark() throws Exception {
        Assumptions.assumeTrue(hasNetAdmin(), "sockopt.mark needs CAP_NET_ADMIN, which this process lacks: skipped");
        Assumptions.assumeTrue(new ProcessBuilder("ss", "-V").start().waitFor(5, TimeUnit.SECONDS), "no ss(8)");
        int socksPort = FreePort.next();
        try (ServerSocket origin = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
             EngineHarness vtool = new EngineHarness("""
                     {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                      "outbounds": [{"protocol": "freedom", "streamSettings": {"sockopt": {"mark": 1234}}}]}
                     """.formatted(socksPort), LogLevel.INFO);
             Socket app = new Socket("127.0.0.1", socksPort)) {
            app.setSoTimeout(5000);
            int port = origin.getLocalPort();
            app.getOutputStream().write(new byte[] {5, 1, 0, 5, 1, 0, 1, 127, 0, 0, 1, (byte) (port >> 8), (byte) port});
            DataInputStream in = new DataInputStream(app.getInputStream());
            in.readFully(new byte[2 + 10]);
            try (Socket upstream = origin.accept()) {
                Process ss = new ProcessBuilder("ss", "-tne", "dst", "127.0.0.1:" + port).redirectErrorStream(true).start();
                String out = new String(ss.getInputStream().readAllBytes());
                ss.waitFor(5, TimeUnit.SECONDS);
                assertTrue(out.contains("fwmark:0x4d2"), out + vtool.log());
            }
        }
    }
}
