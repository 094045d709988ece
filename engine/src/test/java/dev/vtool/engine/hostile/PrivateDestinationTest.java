package dev.vtool.engine.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.encoding.ClientSession;
import dev.vtool.engine.vmess.encoding.RequestTarget;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.LoopbackSpellings;
import dev.vtool.testkit.SocketProbe;
import java.net.Socket;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/spec/security.md 1.7/1.8: through a VMess server, freedom refuses loopback/private/reserved targets
 * however they are spelt, unless its settings say {@code "allowPrivate": true}.
 */
@ExtendWith(LeakCheck.class)
class PrivateDestinationTest {
    static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    static String config(int port, String freedomSettings) {
        return """
                {"log": {"loglevel": "info"},
                 "policy": {"levels": {"0": {"handshake": 3}}},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}}],
                 "outbounds": [{"protocol": "freedom", "settings": %s}]}
                """.formatted(port, ID, freedomSettings);
    }

    static byte[] header(RequestTarget target) {
        ClientSession c = new ClientSession(VmessId.parse(ID), List.of(), VmessRandom.SYSTEM);
        return c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, target,
                System.currentTimeMillis() / 1000);
    }

    private static void request(int port, RequestTarget target) throws Exception {
        try (Socket s = new Socket("127.0.0.1", port)) {
            s.getOutputStream().write(header(target));
            SocketProbe.readUntilClosed(s, 1500);
        }
    }

    @Test
    void everySpellingOfLoopbackIsRefusedWithoutAllowPrivate() throws Exception {
        int port = FreePort.next();
        try (Probe.CountingListener target = new Probe.CountingListener();
             EngineHarness vtool = new EngineHarness(config(port, "{}"), LogLevel.INFO)) {
            int p = target.port();
            List<RequestTarget> spellings = List.of(RequestTarget.of("127.0.0.1", p), RequestTarget.of("0.0.0.0", p),
                    RequestTarget.ip(LoopbackSpellings.ipv4MappedLoopback(), p),
                    RequestTarget.domain("2130706433", p), RequestTarget.domain("127.1", p),
                    RequestTarget.domain("localhost", p));
            for (RequestTarget t : spellings) {
                request(port, t);
            }
            Thread.sleep(300);
            assertEquals(0, target.accepted(), "the loopback listener was reached: " + vtool.log());
            String log = vtool.log();
            long blocked = log.lines().filter(l -> l.contains("\"allowPrivate\": true")).count();
            assertEquals(spellings.size(), blocked, log);
        }
    }

    @Test
    void allowPrivateLetsTheSameRequestsThrough() throws Exception {
        int port = FreePort.next();
        try (Probe.CountingListener target = new Probe.CountingListener();
             EngineHarness vtool = new EngineHarness(config(port, "{\"allowPrivate\": true}"), LogLevel.INFO)) {
            request(port, RequestTarget.of("127.0.0.1", target.port()));
            request(port, RequestTarget.domain("2130706433", target.port()));
            assertTrue(target.awaitAccepted(2, 3000), "allowed requests must reach the listener: " + vtool.log());
        }
    }
}
