package dev.vtool.engine.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetAddress;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The built-in DNS against a real dnsmasq and small servers in the test: which server got which query
 * (A and AAAA per family), the cache and its TTL, hosts, domain-matched servers first, expectIPs, the
 * fall-back on a timeout only, client subnet, and its queries routed by its tag.
 */
@ExtendWith(LeakCheck.class)
class BuiltInDnsTest {
    private static final String OUT = "\"outbounds\": [{\"protocol\": \"freedom\"}]";

    private static List<InetAddress> lookup(EngineHarness h, String name, NameLookup.Family family) throws Exception {
        Future<List<InetAddress>> f = h.engine().names().lookup(name, family, GlobalEventExecutor.INSTANCE);
        assertTrue(f.await(10, TimeUnit.SECONDS), "lookup of " + name + " did not end");
        if (!f.isSuccess()) {
            throw new ExecutionException(f.cause());
        }
        return f.getNow();
    }

    private static Throwable failure(EngineHarness h, String name) throws Exception {
        Future<List<InetAddress>> f = h.engine().names().lookup(name, NameLookup.Family.ANY, GlobalEventExecutor.INSTANCE);
        assertTrue(f.await(10, TimeUnit.SECONDS));
        assertFalse(f.isSuccess(), "expected " + name + " to fail, got " + f.getNow());
        return f.cause();
    }

    private static List<String> text(List<InetAddress> ips) {
        return ips.stream().map(InetAddress::getHostAddress).toList();
    }

    @Test
    void queriesByFamilyAndCachesUntilTheTtl() throws Exception {
        try (Dnsmasq dnsmasq = new Dnsmasq(2, "/example.test/10.0.0.1");
             EngineHarness h = new EngineHarness("""
                     {"dns": {"servers": [{"address": "127.0.0.1", "port": %d}]}, %s}
                     """.formatted(dnsmasq.port(), OUT), LogLevel.DEBUG)) {
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "www.example.test", NameLookup.Family.ANY)));
            assertEquals(List.of("A www.example.test", "AAAA www.example.test"),
                    dnsmasq.awaitQueries(2).stream().sorted().toList(), "LookupIP asks A and AAAA");
            // cache hit: nothing new on the wire
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "www.example.test.", NameLookup.Family.ANY)));
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "www.example.test", NameLookup.Family.IPV4)));
            Thread.sleep(300);
            assertEquals(2, dnsmasq.queries().size(), "answers come from the cache: " + dnsmasq.queries());
            // LookupIPv4 of a new name: A only
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "v4.example.test", NameLookup.Family.IPV4)));
            assertEquals("A v4.example.test", dnsmasq.awaitQueries(3).get(2));
            // dnsmasq's answers carry TTL 2: after it the name is asked again
            Thread.sleep(2300);
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "www.example.test", NameLookup.Family.IPV4)));
            List<String> q = dnsmasq.awaitQueries(4);
            assertEquals("A www.example.test", q.get(q.size() - 1), "expired answers are asked again: " + q);
            assertTrue(h.awaitLog("cache HIT", java.time.Duration.ofSeconds(2)), h.log());
        }
    }

    @Test
    void domainMatchedServersComeFirstAndExpectIpsFallBack() throws Exception {
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1", "/other.test/10.0.0.2");
             TestDnsServer first = new TestDnsServer(Map.of("a.other.test", "192.0.2.9",
                     "b.other.test", "192.0.2.9"), 0, false);
             EngineHarness h = new EngineHarness("""
                     {"dns": {"servers": [
                        {"address": "127.0.0.1", "port": %d, "expectIps": ["192.0.2.0/24"]},
                        {"address": "127.0.0.1", "port": %d, "domains": ["domain:example.test"]}]}, %s}
                     """.formatted(first.port(), dnsmasq.port(), OUT), LogLevel.DEBUG)) {
            // the second server's domain rule puts it first for example.test: the first never sees the name
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "x.example.test", NameLookup.Family.IPV4)));
            assertEquals(List.of("A x.example.test"), dnsmasq.awaitQueries(1));
            assertTrue(first.questions.isEmpty(), "first server got " + first.questions);
            // other names: config order, the first server answers inside its expectIPs
            assertEquals(List.of("192.0.2.9"), text(lookup(h, "a.other.test", NameLookup.Family.IPV4)));
            assertEquals(List.of("A a.other.test"), first.questions);
            assertEquals(1, dnsmasq.queries().size());
            // an answer outside expectIPs (NXDOMAIN is not a mismatch; a name with no table entry is)
            h.engine(); // same engine
        }
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/other.test/10.0.0.2");
             TestDnsServer first = new TestDnsServer(Map.of("c.other.test", "198.51.100.7"), 0, false);
             EngineHarness h = new EngineHarness("""
                     {"dns": {"servers": [
                        {"address": "127.0.0.1", "port": %d, "expectIps": ["192.0.2.0/24"]},
                        {"address": "127.0.0.1", "port": %d}]}, %s}
                     """.formatted(first.port(), dnsmasq.port(), OUT), LogLevel.DEBUG)) {
            assertEquals(List.of("10.0.0.2"), text(lookup(h, "c.other.test", NameLookup.Family.IPV4)),
                    "198.51.100.7 is outside expectIPs: the next server answers");
            assertEquals(List.of("A c.other.test"), first.questions);
            assertEquals(List.of("A c.other.test"), dnsmasq.awaitQueries(1));
        }
    }

    @Test
    void anErrorCodeEndsTheLookupButATimeoutFallsBack() throws Exception {
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1");
             TestDnsServer nx = new TestDnsServer(Map.of(), 0, false);
             TestDnsServer silent = new TestDnsServer(Map.of(), 0, true);
             EngineHarness h = new EngineHarness("""
                     {"dns": {"servers": [{"address": "127.0.0.1", "port": %d},
                                          {"address": "127.0.0.1", "port": %d},
                                          {"address": "127.0.0.1", "port": %d, "domains": ["full:nx.example.test"]}]},
                      %s}
                     """.formatted(silent.port(), dnsmasq.port(), nx.port(), OUT), LogLevel.DEBUG)) {
            Throwable nxFailure = failure(h, "nx.example.test");
            assertInstanceOf(DnsFailure.class, nxFailure);
            assertEquals(3, ((DnsFailure) nxFailure).rcode(), "NXDOMAIN is returned as it is");
            Thread.sleep(200);
            assertTrue(silent.questions.isEmpty() && dnsmasq.queries().isEmpty(),
                    "no fall-back after NXDOMAIN: " + silent.questions + dnsmasq.queries());
            long start = System.nanoTime();
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "late.example.test", NameLookup.Family.IPV4)));
            long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertTrue(millis >= 3500, "the silent server is given 4 s first, took " + millis);
            assertEquals(List.of("A late.example.test"), silent.questions);
            assertEquals(List.of("A late.example.test"), dnsmasq.awaitQueries(1));
            assertEquals(List.of("A nx.example.test", "AAAA nx.example.test"), nx.questions.stream().sorted().toList(),
                    "the last server is asked only for the name its domain rule matches");
            assertTrue(h.log().contains("failed to lookup ip for domain late.example.test at server UDP:127.0.0.1:"
                    + silent.port() + " > context deadline exceeded"), h.log());
        }
    }

    @Test
    void hostsAnswerWithoutAnyServer() throws Exception {
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1");
             EngineHarness h = new EngineHarness("""
                     {"dns": {"servers": [{"address": "127.0.0.1", "port": %d}],
                              "hosts": {"exact.test": "192.0.2.1", "domain:wild.test": "192.0.2.2",
                                        "keyword:wild": "2001:db8::2", "me.test": "127.0.0.1",
                                        "alias.test": "www.example.test"}}, %s}
                     """.formatted(dnsmasq.port(), OUT), LogLevel.DEBUG)) {
            assertEquals(List.of("192.0.2.1"), text(lookup(h, "exact.test", NameLookup.Family.ANY)));
            // two entries match: their addresses add up, filtered by family
            assertEquals(List.of("192.0.2.2", "2001:db8:0:0:0:0:0:2"), text(lookup(h, "a.wild.test",
                    NameLookup.Family.ANY)).stream().sorted().toList());
            assertEquals(List.of("192.0.2.2"), text(lookup(h, "a.wild.test", NameLookup.Family.IPV4)));
            assertEquals(List.of("127.0.0.1", "0:0:0:0:0:0:0:1"), text(lookup(h, "me.test", NameLookup.Family.ANY)));
            Thread.sleep(200);
            assertTrue(dnsmasq.queries().isEmpty(), "hosts never ask a server: " + dnsmasq.queries());
            // a domain value replaces the name, which the servers then resolve
            assertEquals(List.of("10.0.0.1"), text(lookup(h, "alias.test", NameLookup.Family.IPV4)));
            assertEquals(List.of("A www.example.test"), dnsmasq.awaitQueries(1));
            assertTrue(h.log().contains("domain replaced: alias.test -> www.example.test"), h.log());
        }
    }

    @Test
    void clientIpTravelsAsEdnsClientSubnet() throws Exception {
        try (TestDnsServer server = new TestDnsServer(Map.of("ecs.test", "192.0.2.5"), 0, false);
             EngineHarness h = new EngineHarness("""
                     {"dns": {"clientIp": "203.0.113.77", "servers": [{"address": "127.0.0.1", "port": %d}]}, %s}
                     """.formatted(server.port(), OUT), LogLevel.WARNING)) {
            assertEquals(List.of("192.0.2.5"), text(lookup(h, "ecs.test", NameLookup.Family.IPV4)));
            byte[] q = server.raw.get(0);
            assertEquals(1, ((q[10] & 0xFF) << 8) | (q[11] & 0xFF), "one additional record (OPT)");
            // the OPT record ends with the ECS option: family 1, /24, scope 0, 3 address bytes 203.0.113
            int n = q.length;
            assertEquals(List.of(0, 1, 24, 0, 203, 0, 113), List.of(q[n - 7] & 0xFF, q[n - 6] & 0xFF, q[n - 5] & 0xFF,
                    q[n - 4] & 0xFF, q[n - 3] & 0xFF, q[n - 2] & 0xFF, q[n - 1] & 0xFF));
        }
    }

    @Test
    void itsQueriesAreRoutedByItsTag() throws Exception {
        try (Dnsmasq dnsmasq = new Dnsmasq(60, "/example.test/10.0.0.1");
             EngineHarness h = new EngineHarness("""
                     {"dns": {"tag": "dns-out", "servers": [{"address": "127.0.0.1", "port": %d}]},
                      "routing": {"rules": [{"type": "field", "inboundTag": ["dns-out"], "outboundTag": "drop"}]},
                      "outbounds": [{"protocol": "freedom"}, {"tag": "drop", "protocol": "blackhole"}]}
                     """.formatted(dnsmasq.port()), LogLevel.DEBUG)) {
            Throwable t = failure(h, "www.example.test");
            assertTrue(t.getMessage().contains("context deadline exceeded"), t.getMessage());
            assertTrue(dnsmasq.queries().isEmpty(), "routed to blackhole, never sent: " + dnsmasq.queries());
            assertTrue(h.log().contains("taking detour [drop] for [udp:127.0.0.1:" + dnsmasq.port() + "]"), h.log());
        }
    }

    @Test
    void withoutServersTheSystemResolverAnswers() throws Exception {
        try (EngineHarness h = new EngineHarness("""
                     {"dns": {"hosts": {"h.test": "192.0.2.3"}}, %s}
                     """.formatted(OUT), LogLevel.WARNING)) {
            assertEquals(List.of("192.0.2.3"), text(lookup(h, "h.test", NameLookup.Family.ANY)));
            assertTrue(text(lookup(h, "localhost", NameLookup.Family.IPV4)).contains("127.0.0.1"));
        }
    }
}
