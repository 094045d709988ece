package dev.vtool.cli.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.encoding.RequestTarget;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.LoopbackSpellings;
import dev.vtool.testkit.SocketProbe;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/spec/security.md 1.7/1.8 against the real `vtool run` process: a VMess server whose freedom outbound has no
 * {@code allowPrivate} must not reach a loopback listener however the client spells the address,
 * including a name the resolver maps to loopback (a hosts file stands in for a rebinding DNS answer).
 */
@org.junit.jupiter.api.Tag("slow") // starts vtool processes; the full suite runs it, -Punit does not
class PrivateDestinationProcessTest {
    @TempDir
    Path dir;

    private Process start(int port, String freedomSettings) throws Exception {
        Path hosts = dir.resolve("hosts");
        Files.writeString(hosts, "127.0.0.1 rebind.test\n127.0.0.2 rebind.test\n");
        Path config = dir.resolve("server.json");
        Files.writeString(config, """
                {"log": {"loglevel": "info"},
                 "policy": {"levels": {"0": {"handshake": 3}}},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}}],
                 "outbounds": [{"protocol": "freedom", "settings": %s}]}
                """.formatted(port, VmessWire.ID, freedomSettings));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx128m", "-Djdk.net.hosts.file=" + hosts,
                "-cp", System.getProperty("java.class.path"), "dev.vtool.cli.Main", "run", "-c", config.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("vtool.log").toFile()).start();
        for (int i = 0; i < 200; i++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return p;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        p.destroyForcibly();
        throw new AssertionError("vtool run did not listen: " + Files.readString(dir.resolve("vtool.log")));
    }

    @Test
    void noSpellingOfLoopbackGetsThroughWithoutAllowPrivate() throws Exception {
        int port = FreePort.next();
        Process p = start(port, "{}");
        try (LoopbackServices target = new LoopbackServices()) {
            int t = target.port();
            List<RequestTarget> spellings = List.of(RequestTarget.of("127.0.0.1", t), RequestTarget.of("0.0.0.0", t),
                    RequestTarget.ip(LoopbackSpellings.ipv4MappedLoopback(), t), RequestTarget.ip(InetAddress.getByName("::1").getAddress(), t),
                    RequestTarget.domain("2130706433", t), RequestTarget.domain("127.1", t),
                    RequestTarget.domain("localhost", t), RequestTarget.domain("rebind.test", t));
            for (RequestTarget spelling : spellings) {
                SocketProbe.Outcome o = VmessWire.probe(port, VmessWire.request(spelling, VmessWire.now()), 1500);
                assertTrue(o.closed(), spelling + ": the refused request must be closed");
            }
            Thread.sleep(300);
            String log = Files.readString(dir.resolve("vtool.log"));
            assertEquals(0, target.accepted(), "the loopback listener was reached:\n" + log);
            long refused = log.lines().filter(l -> l.contains("set \"allowPrivate\": true")).count();
            assertEquals(spellings.size(), refused, log);
            assertTrue(p.isAlive());
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    @Test
    void allowPrivateLetsTheSameNameThrough() throws Exception {
        int port = FreePort.next();
        Process p = start(port, "{\"allowPrivate\": true}");
        try (LoopbackServices target = new LoopbackServices()) {
            assertEquals("ping", VmessWire.echo(port, target.port(), "ping"));
            VmessWire.probe(port, VmessWire.request(RequestTarget.domain("rebind.test", target.port()), VmessWire.now()), 1000);
            assertTrue(target.accepted() >= 2, "allowed requests must reach the listener");
        } finally {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
