package dev.vtool.engine.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineException;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.Routing;
import dev.vtool.schema.source.SourceFile;
import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RouterTest {
    @TempDir
    Path assets;

    private static Routing routing(String rules) throws Exception {
        String json = "{\"routing\": " + rules + "}";
        return new ConfigModelBuilder().build(new ConfigReader().read(new SourceFile("r.json", json)).document())
                .routing();
    }

    private static RoutingContext to(String domain, String ip, int port) throws Exception {
        return new RoutingContext(Network.TCP, domain, ip == null ? List.of() : List.of(InetAddress.getByName(ip)),
                port, InetAddress.getByName("127.0.0.1"), 40000, "in", "", "");
    }

    private Router router(String rules, List<String> tags) throws Exception {
        return new Router(routing(rules), tags, new GeoData(List.of(assets)));
    }

    @Test
    void domainMatchersFollowV2raySemantics() throws Exception {
        Router r = router("""
                {"rules": [
                  {"type": "field", "domain": ["domain:example.com"], "outboundTag": "sub"},
                  {"type": "field", "domain": ["full:exact.org"], "outboundTag": "full"},
                  {"type": "field", "domain": ["regexp:^ad[0-9]+\\\\."], "outboundTag": "re"},
                  {"type": "field", "domain": ["tracker"], "outboundTag": "plain"}
                ]}
                """, List.of("sub", "full", "re", "plain"));
        assertEquals("sub", r.pick(to("example.com", null, 80)));
        assertEquals("sub", r.pick(to("a.b.Example.com", null, 80)));
        assertNull(r.pick(to("notexample.com", null, 80)), "domain: is not a substring");
        assertEquals("full", r.pick(to("exact.org", null, 80)));
        assertNull(r.pick(to("www.exact.org", null, 80)));
        assertEquals("re", r.pick(to("ad12.net", null, 80)));
        assertEquals("plain", r.pick(to("my-tracker-host.io", null, 80)), "a bare value is a substring");
    }

    @Test
    void ipPortNetworkSourceAndProtocol() throws Exception {
        Router r = router("""
                {"rules": [
                  {"type": "field", "ip": ["10.0.0.0/8", "2001:db8::/32"], "port": "443", "outboundTag": "a"},
                  {"type": "field", "source": ["127.0.0.0/8"], "sourcePort": "40000", "network": "udp", "outboundTag": "b"},
                  {"type": "field", "protocol": ["http"], "outboundTag": "c"},
                  {"type": "field", "inboundTag": ["in"], "port": "1-100", "outboundTag": "d"}
                ]}
                """, List.of("a", "b", "c", "d"));
        assertEquals("a", r.pick(to(null, "10.1.2.3", 443)));
        assertEquals("a", r.pick(to(null, "2001:db8::1", 443)));
        assertEquals("d", r.pick(to(null, "10.1.2.3", 80)), "port condition is ANDed with ip");
        RoutingContext udp = new RoutingContext(Network.UDP, null, List.of(InetAddress.getByName("8.8.8.8")), 53,
                InetAddress.getByName("127.0.0.1"), 40000, "x", "", "");
        assertEquals("b", r.pick(udp));
        RoutingContext http = new RoutingContext(Network.TCP, "a.com", List.of(), 8080,
                InetAddress.getByName("192.168.1.1"), 1, "x", "", "http1");
        assertEquals("c", r.pick(http), "protocol is a prefix match on the sniffed protocol");
    }

    @Test
    void balancerPicksAmongPrefixMatches() throws Exception {
        Router r = router("""
                {"rules": [{"type": "field", "domain": ["x"], "balancerTag": "lb"}],
                 "balancers": [{"tag": "lb", "selector": ["proxy-"]}]}
                """, List.of("direct", "proxy-a", "proxy-b"));
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            seen.add(r.pick(to("x.com", null, 80)));
        }
        assertEquals(java.util.Set.of("proxy-a", "proxy-b"), seen);
        Router none = router("""
                {"rules": [{"type": "field", "domain": ["x"], "balancerTag": "lb"}],
                 "balancers": [{"tag": "lb", "selector": ["nothing-"]}]}
                """, List.of("direct"));
        assertNull(none.pick(to("x.com", null, 80)), "an empty balancer falls back to the default outbound");
    }

    @Test
    void domainStrategyDecidesResolution() throws Exception {
        String rules = "\"rules\": [{\"type\": \"field\", \"ip\": [\"127.0.0.0/8\"], \"outboundTag\": \"lo\"}]";
        assertEquals(Router.ResolvePlan.NONE, router("{" + rules + "}", List.of("lo")).plan(to("localhost", null, 1)));
        Router onDemand = router("{\"domainStrategy\": \"IPOnDemand\", " + rules + "}", List.of("lo"));
        assertEquals(Router.ResolvePlan.BEFORE_MATCH, onDemand.plan(to("localhost", null, 1)));
        Router ifNon = router("{\"domainStrategy\": \"IPIfNonMatch\", " + rules + "}", List.of("lo"));
        assertEquals(Router.ResolvePlan.IF_NO_MATCH, ifNon.plan(to("localhost", null, 1)));
        assertEquals("lo", ifNon.pickWithIps(to("localhost", null, 1), List.of(InetAddress.getByName("127.0.0.1"))));
    }

    // ---- geo files, written here in protobuf wire format ----

    private static void varint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static byte[] field(int number, byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3 | 2);
        varint(out, payload.length);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    private static byte[] varintField(int number, long value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        varint(out, (long) number << 3);
        varint(out, value);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] str(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void geoipAndGeositeFromDatFiles() throws Exception {
        byte[] cidr = concat(field(1, new byte[] {10, 0, 0, 0}), varintField(2, 8));
        byte[] other = concat(field(1, new byte[] {(byte) 192, (byte) 168, 0, 0}), varintField(2, 16));
        Files.write(assets.resolve("geoip.dat"), concat(
                field(1, concat(field(1, str("XX")), field(2, other))),
                field(1, concat(field(1, str("PRIVATE")), field(2, cidr)))));
        byte[] d1 = concat(varintField(1, 2), field(2, str("ads.test")),
                field(3, concat(field(1, str("ads")), varintField(2, 1))));
        byte[] d2 = concat(varintField(1, 3), field(2, str("exact.test")));
        Files.write(assets.resolve("geosite.dat"), field(1, concat(field(1, str("TEST")), field(2, d1), field(2, d2))));

        Router r = router("""
                {"rules": [
                  {"type": "field", "ip": ["geoip:private"], "outboundTag": "priv"},
                  {"type": "field", "domain": ["geosite:test@ads"], "outboundTag": "ads"},
                  {"type": "field", "domain": ["geosite:test"], "outboundTag": "site"}
                ]}
                """, List.of("priv", "ads", "site"));
        assertEquals("priv", r.pick(to(null, "10.9.8.7", 1)));
        assertNull(r.pick(to(null, "192.168.1.1", 1)));
        assertEquals("ads", r.pick(to("x.ads.test", null, 1)));
        assertEquals("site", r.pick(to("exact.test", null, 1)), "only the @ads entry is in the first list");
        assertNull(r.pick(to("www.exact.test", null, 1)));

        EngineException missing = assertThrows(EngineException.class, () -> router("""
                {"rules": [{"type": "field", "ip": ["geoip:zz"], "outboundTag": "x"}]}
                """, List.of("x")));
        assertEquals("failed to load geoip: zz > country not found in geoip.dat: zz", missing.getMessage());
    }

    @Test
    void externalDatFilesAndDotlessRules() throws Exception {
        byte[] cidr = concat(field(1, new byte[] {10, 0, 0, 0}), varintField(2, 8));
        Files.write(assets.resolve("my-ip.dat"), field(1, concat(field(1, str("MINE")), field(2, cidr))));
        byte[] d = concat(varintField(1, 2), field(2, str("mine.test")));
        Files.write(assets.resolve("my-site.dat"), field(1, concat(field(1, str("LIST")), field(2, d))));
        Router r = router("""
                {"rules": [
                  {"type": "field", "ip": ["ext:my-ip.dat:mine"], "outboundTag": "ip"},
                  {"type": "field", "domain": ["ext-domain:my-site.dat:list"], "outboundTag": "site"},
                  {"type": "field", "domain": ["dotless:box"], "outboundTag": "dotless"}
                ]}
                """, List.of("ip", "site", "dotless"));
        assertEquals("ip", r.pick(to(null, "10.1.2.3", 1)));
        assertEquals("site", r.pick(to("a.mine.test", null, 1)));
        assertEquals("dotless", r.pick(to("mybox", null, 1)));
        assertNull(r.pick(to("my.box", null, 1)), "a name with a dot is not dotless");
        EngineException bad = assertThrows(EngineException.class, () -> router("""
                {"rules": [{"type": "field", "ip": ["ext:my-ip.dat:zz"], "outboundTag": "x"}]}
                """, List.of("x")));
        assertEquals("failed to load geoip: zz from my-ip.dat > country not found in my-ip.dat: zz", bad.getMessage());
    }

    @Test
    void missingGeoFileIsNamed() throws Exception {
        EngineException e = assertThrows(EngineException.class, () -> router("""
                {"rules": [{"type": "field", "domain": ["geosite:cn"], "outboundTag": "x"}]}
                """, List.of("x")));
        assertTrue(e.getMessage().startsWith("failed to load geosite: cn > failed to open file: geosite.dat > open "
                + assets.resolve("geosite.dat") + ": no such file or directory"), e.getMessage());
    }
}
