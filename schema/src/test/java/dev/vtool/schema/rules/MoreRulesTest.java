package dev.vtool.schema.rules;

import static dev.vtool.schema.rules.RuleTester.CLIENT_IN;
import static dev.vtool.schema.rules.RuleTester.FREEDOM_OUT;
import static dev.vtool.schema.rules.RuleTester.config;
import static dev.vtool.schema.rules.RuleTester.none;
import static dev.vtool.schema.rules.RuleTester.run;
import static dev.vtool.schema.rules.RuleTester.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Listen/sendThrough, proxySettings, redirect, DNS, api/reverse, log files, fallbacks, ignored values, later keys. */
class MoreRulesTest {
    @Test
    void goAddressFollowsGoParseIp() {
        for (String ip : List.of("127.0.0.1", " 10.0.0.1", "[::1]", "::", "::ffff:127.0.0.1", "2001:db8:0:0:1:2:3:4", "fe80::")) {
            assertTrue(GoAddress.isIp(ip), ip);
        }
        for (String not : List.of("", "127.000.0.1", "1.2.3", "256.1.1.1", "1::2::3", "fe80::1%eth0", "[::1", "localhost",
                "2001:db8::1:2:3:4:5:6:7", "1:2:3:4:5:6:7:8:9")) {
            assertFalse(GoAddress.isIp(not), not);
        }
    }

    @Test
    void listenMustBeAnIpLocalhostOrSocket() {
        Finding f = single(new ListenAddressRule(), config("[{\"listen\": \"vpn.example.org\", \"port\": 1, \"protocol\": \"socks\"}]",
                FREEDOM_OUT));
        assertTrue(f.message().contains("unable to listen on domain address: vpn.example.org"), f.message());
        Finding empty = single(new ListenAddressRule(), config("[{\"listen\": \"\", \"port\": 1, \"protocol\": \"socks\"}]", FREEDOM_OUT));
        assertTrue(empty.message().contains("crashes"), empty.message());
        for (String ok : List.of("localhost", "/run/v.sock", "@abstract", "::1", "0.0.0.0")) {
            none(new ListenAddressRule(), config("[{\"listen\": \"" + ok + "\", \"port\": 1, \"protocol\": \"socks\"}]", FREEDOM_OUT));
        }
        single(new ListenAddressRule(), config(CLIENT_IN, "[{\"protocol\": \"freedom\", \"sendThrough\": \"eth0\"}]"));
    }

    @Test
    void proxySettingsTag() {
        Finding missing = single(new ProxySettingsRule(), config(CLIENT_IN, "[{\"protocol\": \"freedom\", \"proxySettings\": {}}]"));
        assertEquals(Severity.ERROR, missing.severity());
        assertTrue(missing.message().contains("Proxy tag is not set."), missing.message());
        Finding unknown = single(new ProxySettingsRule(), config(CLIENT_IN, "[{\"protocol\": \"freedom\", \"tag\": \"hop\"},"
                + "{\"protocol\": \"freedom\", \"proxySettings\": {\"tag\": \"hpo\"}}]"));
        assertEquals(Severity.WARNING, unknown.severity());
        assertTrue(unknown.message().contains("Did you mean \"hop\"?"), unknown.message());
    }

    @Test
    void redirectNeedsAPort() {
        assertNull(FreedomRedirectRule.problem(":53"));
        assertNull(FreedomRedirectRule.problem("[::1]:53"));
        assertTrue(FreedomRedirectRule.problem("1.1.1.1").endsWith("missing port in address"));
        assertTrue(FreedomRedirectRule.problem("::1:53").endsWith("too many colons in address"));
        assertEquals("invalid redirect port: a:99999", FreedomRedirectRule.problem("a:99999"));
        single(new FreedomRedirectRule(), config(CLIENT_IN, "[{\"protocol\": \"freedom\", \"settings\": {\"redirect\": \"x\"}}]"));
    }

    @Test
    void dnsServers() {
        assertEquals("first path segment in URL cannot contain colon", DnsConfigRule.goUrlError("8.8.8.8:53"));
        assertEquals("missing protocol scheme", DnsConfigRule.goUrlError(":53"));
        assertNull(DnsConfigRule.goUrlError("https://dns.google/dns-query"));
        assertNull(DnsConfigRule.goUrlError("dns.google:53"), "Go reads dns.google as a URL scheme");
        List<Finding> fs = run(new DnsConfigRule(), "{\"dns\": {\"servers\": [\"8.8.8.8:53\", \"udp://1.1.1.1\", \"localhost\","
                + " \"2001:4860:4860::8888\", {\"address\": \"1.1.1.1:53\"}]}}");
        assertEquals(List.of(Severity.ERROR, Severity.WARNING, Severity.ERROR), fs.stream().map(Finding::severity).toList());
        assertTrue(fs.get(0).fix().contains("{\"address\": ..., \"port\": 53}"), fs.get(0).fix());
        single(new DnsConfigRule(), "{\"dns\": {\"clientIp\": \"home.example\"}}");
    }

    @Test
    void apiAndReverse() {
        Finding api = single(new ApiAndReverseRule(), "{\"api\": {\"services\": [\"StatsService\"]}}");
        assertTrue(api.message().contains("API tag can't be empty."), api.message());
        Finding portal = single(new ApiAndReverseRule(), "{\"reverse\": {\"portals\": [{\"tag\": \"p\"}]}}");
        assertTrue(portal.message().contains("portal domain is empty"), portal.message());
        none(new ApiAndReverseRule(), "{\"api\": {\"tag\": \"api\"}, \"reverse\": {\"bridges\": [{\"tag\": \"b\", \"domain\": \"d\"}]}}");
    }

    @Test
    void logDirectories(@TempDir Path dir) {
        Finding f = single(new LogFileRule(), "{\"log\": {\"error\": \"" + dir.resolve("missing/error.log") + "\"}}");
        assertTrue(f.message().contains("failed to initialize error logger"), f.message());
        none(new LogFileRule(), "{\"log\": {\"access\": \"" + dir.resolve("access.log") + "\", \"error\": \"none\"}}");
    }

    @Test
    void fallbacks() {
        String in = "[{\"port\": 443, \"protocol\": \"trojan\", \"settings\": {\"clients\": [{\"password\": \"p\"}], \"fallbacks\": [%s]}}]";
        Finding path = single(new FallbackRule(), config(in.formatted("{\"path\": \"ws\", \"dest\": 80}"), FREEDOM_OUT));
        assertTrue(path.message().contains("Trojan fallbacks: \"path\" must be empty or start with \"/\""), path.message());
        Finding dest = single(new FallbackRule(), config(in.formatted("{\"dest\": 70000}"), FREEDOM_OUT));
        assertTrue(dest.message().contains("please fill in a valid value for every \"dest\""), dest.message());
        none(new FallbackRule(), config(in.formatted("{\"dest\": 80}, {\"path\": \"/ws\", \"dest\": \"127.0.0.1:8080\", \"xver\": 1},"
                + " {\"dest\": \"@nginx\"}, {\"alpn\": \"h2\", \"dest\": \"/dev/shm/h2.sock\"}"), FREEDOM_OUT));
    }

    @Test
    void shadowsocksPassword() {
        single(new ShadowsocksPasswordRule(), config("[{\"port\": 1, \"protocol\": \"shadowsocks\", \"settings\": "
                + "{\"method\": \"aes-128-gcm\", \"password\": \"\"}}]", FREEDOM_OUT));
        none(new ShadowsocksPasswordRule(), config("[{\"port\": 1, \"protocol\": \"shadowsocks\", \"settings\": "
                + "{\"method\": \"aes-128-gcm\", \"password\": \"x\"}}]", FREEDOM_OUT));
    }

    @Test
    void routingPortSyntax() {
        InvalidPortRule rule = new InvalidPortRule(Map.<String, String>of()::get);
        String base = "{\"routing\": {\"rules\": [{\"type\": \"field\", \"port\": %s, \"outboundTag\": \"d\"}]}}";
        Finding array = single(rule, base.formatted("[80, 443]"));
        assertTrue(array.message().contains("invalid port: [80,443]"), array.message());
        assertEquals("write the ports as one string: \"80,443\"", array.fix());
        single(rule, base.formatted("\"80;443\""));
        single(rule, base.formatted("\"053\""));
        for (String ok : List.of("\"53, 443\"", "\"2000-1000\"", "0", "70000", "\"1000-2000,53\"")) {
            none(rule, base.formatted(ok));
        }
    }

    @Test
    void ignoredValues() {
        Finding net = single(new SilentFallbackRule(), "{\"routing\": {\"rules\": [{\"type\": \"field\", \"network\": \"tcp, udp\","
                + " \"outboundTag\": \"d\"}]}}");
        assertTrue(net.message().contains("\" udp\"") && net.message().contains("does not trim"), net.message());
        Finding usage = single(new SilentFallbackRule(), config(CLIENT_IN, "[{\"protocol\": \"freedom\", \"streamSettings\": "
                + "{\"tlsSettings\": {\"certificates\": [{\"usage\": \"verfy\"}]}}}]"));
        assertTrue(usage.message().contains("Did you mean \"verify\"?"), usage.message());
        Finding auth = single(new SilentFallbackRule(), config("[{\"listen\": \"127.0.0.1\", \"port\": 1, \"protocol\": \"socks\", "
                + "\"settings\": {\"auth\": \"none\"}}]", FREEDOM_OUT));
        assertTrue(auth.message().contains("silently uses noauth"), auth.message());
        none(new SilentFallbackRule(), config("[{\"port\": 1, \"protocol\": \"dokodemo-door\", \"settings\": "
                + "{\"network\": [\"TCP\", \"udp\"]}}]", FREEDOM_OUT));
    }

    @Test
    void bareDomainsAreSubstrings() {
        Finding f = single(new DomainSubstringRule(), "{\"routing\": {\"rules\": [{\"type\": \"field\", \"domain\": "
                + "[\"google.com\", \"domain:a.com\", \"full:b.com\", \"keyword:c\", \"ads\", \"geosite:cn\", \"regexp:.*\\\\.cn$\"],"
                + " \"outboundTag\": \"d\"}]}}");
        assertEquals("write \"domain:google.com\" (the domain and its subdomains) or \"full:google.com\" (exactly this name)", f.fix());
        assertEquals(Severity.INFO, f.severity());
    }

    @Test
    void laterVersionKeysAreNamed() {
        List<Finding> fs = run(new LaterVersionKeyRule(), "{\"fakedns\": [],\n\"outbounds\": [{\"protocol\": \"freedom\", "
                + "\"streamSettings\": {\"GrpcSettings\": {}, \"tlsSettings\": {\"fingerprint\": \"chrome\"}}}]}");
        assertEquals(3, fs.size(), fs.toString());
        assertTrue(fs.get(0).message().startsWith("top-level section \"fakedns\""), fs.get(0).message());
        assertTrue(fs.stream().anyMatch(f -> f.message().contains("\"GrpcSettings\"")), "keys match case-insensitively");
    }
}
