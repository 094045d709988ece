package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.dns.Dnsmasq;
import dev.vtool.engine.dns.TestDnsServer;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The dispatcher and freedom with the built-in DNS: routing's AsIs / IPIfNonMatch / IPOnDemand ask it
 * (or not) exactly when 4.34 does, freedom's UseIP* dial what it answers, and a slow DNS server never
 * stalls the event loop of the connection that waits for it.
 */
@ExtendWith(LeakCheck.class)
class DnsRoutingTest {
    private static String config(int socksPort, int dnsPort, String strategy, String rules, String freedom) {
        return """
                {"dns": {"servers": [{"address": "127.0.0.1", "port": %d}],
                         "hosts": {"origin.test": "127.0.0.1"}},
                 "routing": {"domainStrategy": "%s", "rules": [%s]},
                 "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"udp": true}}],
                 "outbounds": [{"protocol": "freedom", "settings": %s}, {"tag": "drop", "protocol": "blackhole"}]}
                """.formatted(dnsPort, strategy, rules, socksPort, freedom);
    }

    private static final String IP_RULE = "{\"type\": \"field\", \"ip\": [\"10.0.0.0/8\"], \"outboundTag\": \"drop\"}";

    @Test
    void routingStrategiesAskTheBuiltInDnsWhen434Does() throws Exception {
        for (String strategy : List.of("AsIs", "IPIfNonMatch", "IPOnDemand")) {
            int port = FreePort.next();
            try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1");
                 EngineHarness h = new EngineHarness(config(port, dnsmasq.port(), strategy,
                         IP_RULE + ", {\"type\": \"field\", \"domain\": [\"full:named.example.test\"], \"outboundTag\": \"drop\"}",
                         "{}"), LogLevel.DEBUG)) {
                Curl.run("--socks5-hostname", "127.0.0.1:" + port, "http://www.example.test:9/");
                Curl.run("--socks5-hostname", "127.0.0.1:" + port, "http://named.example.test:9/");
                Thread.sleep(300);
                List<String> q = dnsmasq.queries();
                if (strategy.equals("AsIs")) {
                    assertEquals(List.of(), q, "AsIs never asks the built-in DNS");
                    assertTrue(h.log().contains("default route for tcp:www.example.test:9"), h.log());
                } else {
                    // the domain rule decides named.example.test: IPIfNonMatch resolves only what no rule took,
                    // IPOnDemand resolves before matching (4.34's rule order: the IP rule is first)
                    List<String> expected = strategy.equals("IPIfNonMatch")
                            ? List.of("A www.example.test", "AAAA www.example.test")
                            : List.of("A named.example.test", "A www.example.test", "AAAA named.example.test",
                                    "AAAA www.example.test");
                    assertEquals(expected, q.stream().sorted().toList(), strategy);
                    assertTrue(h.log().contains("taking detour [drop] for [tcp:www.example.test:9]"),
                            strategy + ": 10.0.0.1 matches the IP rule\n" + h.log());
                }
            }
        }
    }

    @Test
    void freedomUseIpDialsWhatTheBuiltInDnsAnswers() throws Exception {
        int port = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             TestDnsServer dns = new TestDnsServer(Map.of(), 0, false);
             EngineHarness h = new EngineHarness(config(port, dns.port(), "AsIs", "",
                     "{\"domainStrategy\": \"UseIPv4\"}"), LogLevel.DEBUG)) {
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + port,
                    "http://origin.test:" + origin.httpPort() + "/hello");
            assertEquals(0, r.exit(), r.err() + h.log());
            assertTrue(r.out().startsWith("hello from origin, host=origin.test"), r.out());
            assertTrue(dns.questions.isEmpty(), "hosts answered: " + dns.questions);
        }
        int port2 = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             TestDnsServer dns = new TestDnsServer(Map.of(), 0, false);
             EngineHarness h = new EngineHarness(config(port2, dns.port(), "AsIs", "", "{}"), LogLevel.DEBUG)) {
            Curl.Result r = Curl.run("--socks5-hostname", "127.0.0.1:" + port2,
                    "http://origin.test:" + origin.httpPort() + "/hello");
            assertNotEquals(0, r.exit(), "AsIs dials the name with the system resolver, which does not know it");
        }
        int port3 = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             TestDnsServer dns = new TestDnsServer(Map.of("v6only.test", "127.0.0.1"), 0, false);
             EngineHarness h = new EngineHarness(config(port3, dns.port(), "AsIs", "",
                     "{\"domainStrategy\": \"UseIPv6\"}"), LogLevel.DEBUG)) {
            Curl.run("--socks5-hostname", "127.0.0.1:" + port3, "http://v6only.test:" + origin.httpPort() + "/hello");
            assertEquals(List.of("AAAA v6only.test"), dns.questions, "UseIPv6 asks AAAA only");
            assertTrue(h.awaitLog("failed to get IP address for domain v6only.test", Duration.ofSeconds(2)), h.log());
        }
    }

    @Test
    void aSlowDnsServerDoesNotStallOtherFlowsOnTheSameLoop() throws Exception {
        int port = FreePort.next();
        try (TestOrigin origin = new TestOrigin();
             TestDnsServer slow = new TestDnsServer(Map.of("slow.test", "127.0.0.1"), 1500, false);
             EngineHarness h = new EngineHarness(config(port, slow.port(), "IPOnDemand", IP_RULE,
                     "{\"domainStrategy\": \"UseIPv4\"}"), LogLevel.DEBUG);
             Socket tcp = new Socket()) {
            tcp.connect(new InetSocketAddress("127.0.0.1", port), 2000);
            tcp.setSoTimeout(3000);
            OutputStream out = tcp.getOutputStream();
            DataInputStream in = new DataInputStream(tcp.getInputStream());
            out.write(new byte[] {5, 1, 0});
            in.readFully(new byte[2]);
            out.write(new byte[] {5, 3, 0, 1, 0, 0, 0, 0, 0, 0});
            byte[] reply = new byte[10];
            in.readFully(reply);
            int udpPort = ((reply[8] & 0xFF) << 8) | (reply[9] & 0xFF);
            // one association = one relay channel = one event loop for both datagrams
            try (DatagramSocket client = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
                client.setSoTimeout(4000);
                byte[] name = "slow.test".getBytes(StandardCharsets.US_ASCII);
                ByteBuffer viaName = ByteBuffer.allocate(7 + name.length + 4);
                viaName.put(new byte[] {0, 0, 0, 3, (byte) name.length}).put(name)
                        .putShort((short) origin.udpPort()).put("slow".getBytes(StandardCharsets.US_ASCII));
                ByteBuffer viaIp = ByteBuffer.allocate(10 + 4);
                viaIp.put(new byte[] {0, 0, 0, 1}).put(InetAddress.getLoopbackAddress().getAddress())
                        .putShort((short) origin.udpPort()).put("fast".getBytes(StandardCharsets.US_ASCII));
                InetSocketAddress relay = new InetSocketAddress("127.0.0.1", udpPort);
                long start = System.nanoTime();
                client.send(new DatagramPacket(viaName.array(), viaName.capacity(), relay));
                client.send(new DatagramPacket(viaIp.array(), viaIp.capacity(), relay));
                String first = receive(client);
                long firstMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                String second = receive(client);
                long secondMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals("echo:fast", first, "the flow that needs no DNS answers first");
                assertTrue(firstMillis < 1000, "not held up by the 1.5 s lookup: " + firstMillis + " ms");
                assertEquals("echo:slow", second);
                assertTrue(secondMillis >= 1400, "the other flow waited for its DNS answer: " + secondMillis + " ms");
                assertEquals(List.of("A slow.test", "AAAA slow.test"), slow.questions.stream().sorted().toList());
            }
        }
    }

    private static String receive(DatagramSocket client) throws Exception {
        byte[] buf = new byte[2048];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        client.receive(p);
        int headerLength = switch (buf[3]) {
            case 1 -> 10;
            case 4 -> 22;
            default -> 7 + (buf[4] & 0xFF);
        };
        return new String(buf, headerLength, p.getLength() - headerLength, StandardCharsets.UTF_8);
    }
}
