package dev.vtool.schema.pair;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

class PairCheckerTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    private static ConfigDocument doc(String name, String text) {
        return new ConfigReader().read(new SourceFile(name, text)).document();
    }

    private static List<Finding> check(String client, String server) {
        return new PairChecker().check(doc("client.json", client), doc("server.json", server));
    }

    @Test
    void nothingToPairIsAnErrorListingBothSides() {
        List<Finding> f = check("{\"outbounds\":[{\"protocol\":\"freedom\"}]}",
                "{\"inbounds\":[{\"port\":1080,\"protocol\":\"socks\"}]}");
        assertEquals(1, f.size());
        assertEquals("pair-no-endpoint", f.get(0).ruleId());
        assertTrue(f.get(0).message().contains("no vmess, vless"), f.get(0).message());
        assertTrue(f.get(0).message().contains("1080 (socks)"), f.get(0).message());
        assertEquals("server.json", f.get(0).related().get(0).fileName());

        List<Finding> noInbounds = check("{\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":\"a.b\","
                + "\"port\":1,\"users\":[{\"id\":\"" + ID + "\"}]}]}}]}", "{\"outbounds\":[]}");
        assertEquals("pair-no-endpoint", noInbounds.get(0).ruleId());
        assertTrue(noInbounds.get(0).message().contains("the server has no inbounds"));
    }

    @Test
    void secondUserOfAVnextIsCheckedToo() {
        String client = "{\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":\"a.b\",\"port\":7,"
                + "\"users\":[{\"id\":\"" + ID + "\"},{\"id\":\"" + ID.replace('b', 'c') + "\",\"alterId\":8}]}]}}]}";
        String server = "{\"inbounds\":[{\"port\":7,\"protocol\":\"VMess\",\"settings\":{\"clients\":[{\"id\":\""
                + ID.toUpperCase() + "\",\"alterId\":4}]}}]}";
        List<Finding> f = check(client, server);
        assertEquals(1, f.size(), f.toString());
        assertEquals("pair-user-id", f.get(0).ruleId());
        assertEquals(1, f.get(0).location().line());
    }

    @Test
    void oddShapesNeverThrow() {
        String[] configs = {"{}", "{\"outbounds\":{}}", "{\"inbounds\":\"x\",\"outbounds\":[1,null,\"s\"]}",
                "{\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":\"x\"}}]}",
                "{\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"port\":\"1\",\"users\":[{\"id\":5}]}]},"
                        + "\"streamSettings\":{\"network\":7,\"security\":\"tls\",\"tlsSettings\":[]}}]}",
                "{\"inbounds\":[{\"port\":1,\"protocol\":\"vmess\",\"settings\":{\"clients\":{}},"
                        + "\"streamSettings\":{\"security\":\"tls\",\"tlsSettings\":{\"certificates\":[{\"certificate\":\"x\"}]}}}]}",
                "{\"outbounds\":[{\"protocol\":\"socks\",\"settings\":{\"servers\":[{\"address\":1,\"port\":1,\"users\":\"u\"}]}}],"
                        + "\"inbounds\":[{\"port\":\"0-70000\",\"protocol\":\"socks\",\"settings\":{\"accounts\":7}}]}"};
        for (String c : configs) {
            for (String sv : configs) {
                check(c, sv); // must not throw
            }
        }
    }

    @Test
    void everyCorpusClientAgainstEveryCorpusServer() throws Exception {
        java.nio.file.Path root = V2rayBinary.repoRoot().resolve("testdata/pairs");
        List<ConfigDocument> clients = new java.util.ArrayList<>();
        List<ConfigDocument> servers = new java.util.ArrayList<>();
        try (var dirs = Files.list(root)) {
            for (java.nio.file.Path d : dirs.filter(p -> Files.isRegularFile(p.resolve("client.json"))).toList()) {
                clients.add(PairGoldenTest.read(d.resolve("client.json")));
                servers.add(PairGoldenTest.read(d.resolve("server.json")));
            }
        }
        int pairs = 0;
        for (ConfigDocument c : clients) {
            for (ConfigDocument sv : servers) {
                PairResult r = new PairChecker().analyse(c, sv);
                for (Finding f : r.findings()) {
                    assertFalse(f.related().isEmpty(), f.toString());
                }
                pairs++;
            }
        }
        assertTrue(pairs > 1000, "pairs checked: " + pairs);
    }

    @Test
    void portRangesAndListenAddresses() {
        assertArrayEquals(new int[] {1000, 2000}, ServerInbound.portRange(JsonNodeFactory.instance.stringNode("1000-2000")));
        assertArrayEquals(new int[] {443, 443}, ServerInbound.portRange(JsonNodeFactory.instance.stringNode("443")));
        assertArrayEquals(new int[] {-1, -1}, ServerInbound.portRange(JsonNodeFactory.instance.stringNode("env:PORT")));
        ServerInbound specific = new ServerInbound("/inbounds/0", "vmess", 1, 1, "10.0.0.1");
        assertTrue(EndpointMatcher.addressFits("vps.example.com", specific), "a name may be this server");
        assertTrue(EndpointMatcher.addressFits("10.0.0.1", specific));
        assertFalse(EndpointMatcher.addressFits("10.0.0.2", specific));
        assertTrue(EndpointMatcher.addressFits("127.0.0.1", new ServerInbound("/inbounds/0", "vmess", 1, 1, "127.0.0.2")));
        assertTrue(EndpointMatcher.addressFits("::1", new ServerInbound("/inbounds/0", "vmess", 1, 1, "0:0:0:0:0:0:0:1")));
        assertFalse(EndpointMatcher.addressFits("1.2.3.4", new ServerInbound("/inbounds/0", "vmess", 1, 1, "/run/v2.sock")));
        assertTrue(EndpointMatcher.addressFits("1.2.3.4", new ServerInbound("/inbounds/0", "vmess", 1, 1, "::")));
    }

    @Test
    void certificateNamesFollowGoRules() throws Exception {
        X509Certificate cert;
        try (var in = Files.newInputStream(V2rayBinary.repoRoot().resolve("testdata/pairs/_certs/example.crt"))) {
            cert = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        ServerCertificate c = ServerCertificate.of(cert);
        assertTrue(c.covers("example.com"));
        assertTrue(c.covers("WWW.Example.com"));
        assertFalse(c.covers("a.b.example.com"), "a wildcard covers one label only");
        assertFalse(c.covers("example.org"));
        assertFalse(c.covers("1.2.3.4"));
        assertTrue(c.selfSigned());
    }

    private static String vmessPair(boolean server, String stream) {
        return server
                ? "{\"inbounds\":[{\"port\":7,\"protocol\":\"vmess\",\"settings\":{\"clients\":[{\"id\":\"" + ID
                        + "\"}]},\"streamSettings\":" + stream + "}]}"
                : "{\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":\"a.b\",\"port\":7,"
                        + "\"users\":[{\"id\":\"" + ID + "\"}]}]},\"streamSettings\":" + stream + "}]}";
    }

    @Test
    void anEmptyKcpSeedIsStillASeed() {
        List<Finding> f = check(vmessPair(false, "{\"network\":\"kcp\"}"),
                vmessPair(true, "{\"network\":\"kcp\",\"kcpSettings\":{\"seed\":\"\"}}"));
        assertEquals(List.of("pair-kcp"), f.stream().map(Finding::ruleId).toList(), f.toString());
        assertTrue(f.get(0).message().contains("the client has no mKCP seed"), f.get(0).message());
        assertTrue(check(vmessPair(false, "{\"network\":\"kcp\",\"kcpSettings\":{\"seed\":\"s\"}}"),
                vmessPair(true, "{\"network\":\"kcp\",\"kcpSettings\":{\"seed\":\"s\"}}")).isEmpty());
    }

    @Test
    void quicWithoutSettingsIsAes128GcmNotNone() {
        // no quicSettings at all: 4.34 encrypts with AES-128-GCM and the empty key; {} means none
        List<Finding> f = check(vmessPair(false, "{\"network\":\"quic\"}"),
                vmessPair(true, "{\"network\":\"quic\",\"quicSettings\":{}}"));
        assertEquals(List.of("pair-quic"), f.stream().map(Finding::ruleId).toList(), f.toString());
        assertTrue(f.get(0).message().contains("\"aes-128-gcm\""), f.get(0).message());
        assertTrue(check(vmessPair(false, "{\"network\":\"quic\"}"),
                vmessPair(true, "{\"network\":\"quic\",\"quicSettings\":{\"security\":\"AES-128-GCM\"}}")).isEmpty());
    }
}
