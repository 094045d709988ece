package dev.vtool.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.protocol.socks.SocksInboundSettings;
import dev.vtool.schema.protocol.vmess.VmessInboundSettings;
import dev.vtool.schema.protocol.vmess.VmessOutboundSettings;
import dev.vtool.schema.source.SourceFile;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigModelBuilderTest {
    private static ConfigDocument doc(String name, String json) {
        ConfigDocument d = new ConfigReader().read(new SourceFile(name, json)).document();
        if (d == null) {
            throw new IllegalArgumentException("not JSON: " + json);
        }
        return d;
    }

    private static Config build(String json) throws ConfigModelException {
        return new ConfigModelBuilder().build(doc("c.json", json));
    }

    private static String error(String json) {
        return assertThrows(ConfigModelException.class, () -> build(json)).describe();
    }

    @Test
    void readsKeysCaseInsensitivelyAndAppliesDefaults() throws Exception {
        Config c = build("""
                {"INBOUNDS": [{"Port": "1000-1002", "PROTOCOL": "SOCKS", "Listen": "127.0.0.1",
                               "settings": {"AUTH": "password", "accounts": [{"user": "a", "pass": "b"}], "udp": true}}],
                 "outbounds": [{"protocol": "freedom", "tag": "direct"}]}
                """);
        InboundConfig in = c.inbounds().get(0);
        assertEquals("socks", in.protocol());
        assertEquals(new PortRange(1000, 1002), in.ports());
        SocksInboundSettings s = (SocksInboundSettings) in.settings();
        assertTrue(s.passwordAuth());
        assertTrue(s.udp());
        assertEquals(List.of(new Account("a", "b")), s.accounts());
        assertEquals(LevelPolicy.DEFAULT, c.policy().forLevel(0));
        assertEquals(Duration.ofSeconds(60), c.policy().forLevel(0).handshake());
        assertEquals(512 * 1024, c.policy().forLevel(0).bufferSize());
        assertEquals(LogSettings.DEFAULT, c.log());
    }

    @Test
    void socksAuthIsCaseSensitiveLikeV2ray() throws Exception {
        Config c = build("""
                {"inbounds": [{"port": 1, "protocol": "socks", "settings": {"auth": "Password"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """);
        assertEquals(false, ((SocksInboundSettings) c.inbounds().get(0).settings()).passwordAuth());
    }

    @Test
    void policyLevelsOverrideOnlyWhatTheySay() throws Exception {
        Config c = build("""
                {"policy": {"levels": {"0": {"handshake": 2, "bufferSize": 4}, "1": {"connIdle": 10, "bufferSize": -1}}},
                 "inbounds": [], "outbounds": []}
                """);
        LevelPolicy p0 = c.policy().forLevel(0);
        assertEquals(Duration.ofSeconds(2), p0.handshake());
        assertEquals(Duration.ofSeconds(300), p0.connIdle());
        assertEquals(4096, p0.bufferSize());
        assertEquals(-1, c.policy().forLevel(1).bufferSize());
        assertEquals(Duration.ofSeconds(10), c.policy().forLevel(1).connIdle());
    }

    @Test
    void logSectionFollowsV2rayRules() throws Exception {
        Config c = build("""
                {"log": {"loglevel": "verbose", "error": "/tmp/e.log"}, "inbounds": [], "outbounds": []}
                """);
        assertEquals(LogLevel.WARNING, c.log().level());
        assertEquals(LogOutput.CONSOLE, c.log().access());
        assertEquals(LogOutput.file("/tmp/e.log"), c.log().error());
        assertEquals(LogOutput.NONE, build("""
                {"log": {"loglevel": "none"}}
                """).log().error());
    }

    @Test
    void routingRulesAndBalancers() throws Exception {
        Config c = build("""
                {"routing": {"domainStrategy": "IPIfNonMatch",
                   "rules": [{"type": "field", "domain": "domain:a.com,full:b.com", "port": "53,1000-2000",
                              "network": "tcp,udp", "outboundTag": "x", "balancerTag": "ignored"},
                             {"type": "field", "ip": ["10.0.0.0/8", "geoip:cn"], "balancerTag": "b"}],
                   "balancers": [{"tag": "b", "selector": ["px-"]}]},
                 "outbounds": [{"protocol": "freedom", "tag": "x"}]}
                """);
        Routing r = c.routing();
        assertEquals(DomainStrategy.IP_IF_NON_MATCH, r.domainStrategy());
        RoutingRule first = r.rules().get(0);
        assertEquals(List.of("domain:a.com", "full:b.com"), first.domains());
        assertEquals("x", first.outboundTag());
        assertNull(first.balancerTag(), "outboundTag wins over balancerTag");
        assertTrue(first.port().contains(1500) && first.port().contains(53) && !first.port().contains(54));
        assertEquals(2, first.networks().size());
        assertEquals("b", r.rules().get(1).balancerTag());
    }

    @Test
    void errorsUseV2rayWordsAndPositions() {
        assertEquals("c.json:1:39: failed to load inbound detour config. > unknown config id: dokodemo",
                error("{\"inbounds\": [{\"port\": 1, \"protocol\": \"dokodemo\"}]}"));
        assertEquals("c.json:1:15: Listen on AnyIP but no Port(s) set in InboundDetour.",
                error("{\"inbounds\": [{\"protocol\": \"socks\"}]}"));
        assertTrue(error("{\"routing\": {\"rules\": [{\"outboundTag\": \"x\", \"domain\": [\"a\"]}]}}")
                .endsWith("unknown router rule type: "));
        assertTrue(error("{\"routing\": {\"rules\": [{\"type\": \"field\", \"outboundTag\": \"x\"}]}}")
                .endsWith("app/router: this rule has no effective fields"));
        assertTrue(error("{\"routing\": {\"rules\": [{\"type\": \"field\", \"ip\": [\"1.2.3.4/33\"], \"outboundTag\": \"x\"}]}}")
                .endsWith("invalid IP: 1.2.3.4/33 > invalid network mask for router: 33"));
        assertTrue(error("{\"routing\": {\"rules\": [{\"type\": \"field\", \"port\": [80], \"outboundTag\": \"x\"}]}}")
                .endsWith("invalid field rule > invalid port: [80]"));
        assertTrue(error("{\"routing\": {\"rules\": [{\"type\": \"field\", \"domain\": [\"a\"], \"balancerTag\": \"nob\"}]}}")
                .endsWith("app/router: balancer nob not found"));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"freedom\", \"settings\": {\"redirect\": \"1.1.1.1\"}}]}")
                .endsWith("invalid redirect address: 1.1.1.1: address 1.1.1.1: missing port in address"));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"socks\"}]}").endsWith("proxy/socks: 0 target server"));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"freedom\", \"proxySettings\": {}}]}")
                .endsWith("invalid outbound detour proxy settings. > Proxy tag is not set."));
        assertTrue(error("{\"inbounds\": [{\"port\": 1, \"protocol\": \"socks\", \"listen\": \"example.com\"}]}")
                .endsWith("unable to listen on domain address: example.com"));
    }

    @Test
    void unsupportedFeaturesAreRefusedByName() {
        assertTrue(error("{\"inbounds\": [{\"port\": 1, \"protocol\": \"mtproto\"}]}")
                .endsWith("inbound protocol \"mtproto\" is not supported by vtool yet"));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"freedom\", \"streamSettings\": {\"security\": \"tls\", "
                + "\"tlsSettings\": {\"certificates\": [{\"certificate\": [\"x\"], \"usage\": \"issue\"}]}}}]}")
                .contains("tls: failed to find any PEM data in certificate input"));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": \"grpc\"}}]}")
                .endsWith("Config: unknown transport protocol: grpc"));
    }

    @Test
    void everyProblemIsCollectedNotOnlyTheFirst() {
        ConfigModelException e = assertThrows(ConfigModelException.class, () -> build("""
                {"inbounds": [{"port": 1, "protocol": "mtproto"},
                              {"port": 2, "protocol": "socks", "streamSettings": {"network": "ds", "dsSettings": {"path": "v", "abstract": true, "padding": true}}},
                              {"port": "x", "protocol": "socks"}],
                 "outbounds": [{"protocol": "freedom", "mux": {"enabled": true, "concurrency": 2000}},
                               {"protocol": "wireguard"}],
                 "api": {"tag": ""}}
                """));
        List<String> messages = e.problems().stream().map(ConfigProblems.Problem::message).toList();
        assertEquals(List.of(
                "inbound protocol \"mtproto\" is not supported by vtool yet",
                "inbounds[1].streamSettings.dsSettings.padding is not supported by vtool yet",
                "invalid port range: x",
                "invalid mux concurrency: 2000",
                "failed to parse to outbound detour config. > unknown config id: wireguard",
                "API tag can't be empty."), messages);
        assertEquals(6, e.describe().lines().count(), e.describe());
        assertTrue(e.describe().lines().allMatch(l -> l.startsWith("c.json:")), e.describe());
    }

    @Test
    void muxIsReadAs434ReadsIt() throws Exception {
        java.util.function.Function<String, Integer> concurrency = mux -> {
            try {
                return build("{\"outbounds\": [{\"protocol\": \"freedom\", \"mux\": " + mux + "}]}")
                        .outbounds().get(0).muxConcurrency();
            } catch (ConfigModelException e) {
                throw new AssertionError(e.describe());
            }
        };
        assertEquals(8, concurrency.apply("{\"enabled\": true}"));
        assertEquals(8, concurrency.apply("{\"enabled\": true, \"concurrency\": 0}"));
        assertEquals(1024, concurrency.apply("{\"enabled\": true, \"concurrency\": 1024}"));
        assertEquals(0, concurrency.apply("{\"enabled\": true, \"concurrency\": -1}"));
        assertEquals(0, concurrency.apply("{\"enabled\": false, \"concurrency\": 4}"));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"freedom\", \"mux\": {\"concurrency\": 1025}}]}")
                .endsWith("invalid mux concurrency: 1025"), "refused even when disabled, as in 4.34");
    }

    @Test
    void unknownProtocolIsNeverTakenForAnother() {
        for (String side : List.of("inbounds", "outbounds")) {
            String json = "{\"" + side + "\": [{\"port\": 1, \"protocol\": \"vmesss\", \"settings\": {}}]}";
            assertTrue(error(json).endsWith("unknown config id: vmesss"), error(json));
        }
    }

    @Test
    void vmessSettingsAreModelled() throws Exception {
        Config c = build("""
                {"inbounds": [{"port": 1, "protocol": "vmess", "settings": {"clients": [
                    {"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "alterId": 0, "email": "a@x", "level": 1}]}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": 10086,
                    "users": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "security": "AES-128-GCM"}]}]}}]}
                """);
        VmessInboundSettings in = (VmessInboundSettings) c.inbounds().get(0).settings();
        assertEquals("a@x", in.clients().get(0).email());
        assertEquals(1, in.clients().get(0).level());
        VmessOutboundSettings out = (VmessOutboundSettings) c.outbounds().get(0).settings();
        assertEquals("aes-128-gcm", out.vnext().get(0).users().get(0).security());
        assertEquals(10086, out.vnext().get(0).port());
        assertTrue(error("""
                {"inbounds": [{"port": 1, "protocol": "vmess", "settings": {"clients": [
                    {"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "email": "a@X"},
                    {"id": "b831381d-6324-4d53-ad4f-8cda48b30812", "email": "A@x"}]}}]}
                """).endsWith("failed to initiate user > User A@x already exists."));
    }

    @Test
    void vmessIdsAreReadWithTheOneUuidParser() throws Exception {
        // 4.34 ignores what follows the 32 hex digits: run -test and run accept it like v2ray -test does
        Config c = build("""
                {"inbounds": [{"port": 1, "protocol": "vmess", "settings": {"clients": [
                    {"id": "b831381d-6324-4d53-ad4f-8cda48b30811abc"}]}}]}
                """);
        VmessUser u = ((VmessInboundSettings) c.inbounds().get(0).settings()).clients().get(0);
        assertEquals("b831381d-6324-4d53-ad4f-8cda48b30811", dev.vtool.schema.vmess.V2rayUuid.format(u.uuid()));
        // what 4.34 refuses is refused when the model is built, with its words, at the id
        String inbound = error("""
                {"inbounds": [{"port": 1, "protocol": "vmess", "settings": {"clients": [{"id": "short"}]}}]}
                """);
        assertTrue(inbound.endsWith("failed to get VMess user > failed to parse ID > invalid UUID: short"), inbound);
        assertTrue(inbound.contains("c.json:1:80"), inbound);
        String outbound = error("""
                {"outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": 1,
                    "users": [{"ID": "b831381d-6324-4d53-ad4f-8cda48b3081g"}]}]}}]}
                """);
        assertTrue(outbound.endsWith("failed to parse server spec > failed to parse ID > encoding/hex: invalid byte: U+0067 'g'"),
                outbound);
    }

    @Test
    void laterFilesMergeLikeV2ray() throws Exception {
        ConfigDocument base = doc("base.json", """
                {"inbounds": [{"tag": "a", "port": 1, "protocol": "socks"}],
                 "outbounds": [{"tag": "direct", "protocol": "freedom"}]}
                """);
        ConfigDocument extra = doc("extra.json", """
                {"outbounds": [{"tag": "block", "protocol": "blackhole"}],
                 "inbounds": [{"tag": "a", "port": 2, "protocol": "http"}]}
                """);
        ConfigDocument tail = doc("99_tail.json", """
                {"outbounds": [{"tag": "last", "protocol": "blackhole"}]}
                """);
        Config c = new ConfigModelBuilder().build(List.of(base, extra, tail));
        assertEquals(List.of("block", "direct", "last"), c.outbounds().stream().map(OutboundConfig::tag).toList(),
                "a single new outbound is prepended (the new default) unless the file name says tail");
        assertEquals(1, c.inbounds().size());
        assertEquals("http", c.inbounds().get(0).protocol(), "same tag replaces the inbound");
    }

    @Test
    void dnsSectionIsReadAs434ReadsIt() throws Exception {
        Config c = build("""
                {"dns": {"clientIp": "203.0.113.1", "tag": "dns-in",
                  "servers": ["8.8.8.8", "localhost", "dns.example",
                    {"address": "1.1.1.1", "port": 5353, "domains": ["geosite:cn", "domain:a.test"],
                     "expectIPs": ["geoip:cn", "10.0.0.0/8"], "clientIp": "2001:db8::1"}],
                  "hosts": {"z.test": "1.2.3.4", "domain:a.test": "b.test", "dotless:": "127.0.0.1"}},
                 "routing": {"domainStrategy": "IPOnDemand"},
                 "outbounds": [{"protocol": "freedom", "settings": {"domainStrategy": "UseIPv4"}}]}
                """);
        DnsSettings dns = c.dns();
        assertTrue(dns.present());
        assertEquals("203.0.113.1", dns.clientIp());
        assertEquals("dns-in", dns.tag());
        assertEquals(List.of("UDP:8.8.8.8:53", "localhost", "UDP:dns.example:53", "UDP:1.1.1.1:5353"),
                dns.servers().stream().map(DnsServer::displayName).toList());
        DnsServer last = dns.servers().get(3);
        assertEquals(List.of("geosite:cn", "domain:a.test"), last.domains());
        assertEquals(List.of("geoip:cn", "10.0.0.0/8"), last.expectIps(), "expectIps is matched case-insensitively");
        assertEquals("2001:db8::1", last.clientIp());
        // sorted by key as 4.34 does; a bare key is a full match, dotless: a regexp
        assertEquals(List.of("domain:a.test", "regexp:^[^.]*$", "full:z.test"),
                dns.hosts().stream().map(DnsHost::pattern).toList());
        assertEquals("b.test", dns.hosts().get(0).domain());
        assertEquals(List.of("1.2.3.4"), dns.hosts().get(2).ips());
        assertFalse(build("{}").dns().present());
    }

    @Test
    void theGlobalTransportSectionsTcpHttpHeaderReachesEveryTcpStream() throws Exception {
        Config global = build("""
                {"transport": {"tcpSettings": {"header": {"type": "http"}}}, "outbounds": [{"protocol": "freedom"}]}
                """);
        assertEquals("http", ((dev.vtool.schema.transport.tcp.TcpSettings) global.outbounds().get(0)
                .streamSettings().transport()).headerType());
    }

    @Test
    void dnsRefusalsUse434sWordsOrNameWhatVtoolDoesNotRun() throws Exception {
        assertTrue(error("{\"dns\": {\"clientIp\": \"example.com\"}}")
                .contains("failed to parse DNS config > not an IP address:example.com"));
        assertTrue(error("{\"dns\": {\"servers\": [\"8.8.8.8:53\"]}}")
                .contains("parse \"8.8.8.8:53\": first path segment in URL cannot contain colon"));
        assertTrue(error("{\"dns\": {\"servers\": [{\"port\": 53}]}}")
                .contains("NameServer address is not specified."));
        assertTrue(error("{\"dns\": {\"hosts\": {\"a.test\": [\"1.1.1.1\", \"2.2.2.2\"]}}}")
                .contains("must be one address string"));
        assertTrue(error("{\"dns\": {\"hosts\": {\"domain:\": \"1.1.1.1\"}}}")
                .contains("empty domain type of rule: domain:"));
        assertTrue(error("{\"dns\": {\"servers\": [\"quic+local://dns.adguard.com\"]}}")
                .contains("DNS-over-QUIC (\"quic+local://\") servers is not supported by vtool yet"));
        assertEquals(List.of("DOH//1.1.1.1", "DOHL//dns.google:8443"), build(
                "{\"dns\": {\"servers\": [\"https://1.1.1.1/dns-query\", \"https+local://dns.google:8443/q\"]}}")
                .dns().servers().stream().map(DnsServer::displayName).toList());
    }

    @Test
    void streamSettingsAreCarriedAndTheLastFilesTransportSectionAppliesToEveryFile() throws Exception {
        Config c = build("""
                {"inbounds": [{"port": 1, "protocol": "socks", "streamSettings": {"Network": "TCP",
                   "sockopt": {"tcpFastOpen": true}}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """);
        assertEquals("tcp", c.inbounds().get(0).streamSettings().network());
        assertEquals(Boolean.TRUE, c.inbounds().get(0).streamSettings().sockopt().tcpFastOpen());
        assertEquals(dev.vtool.schema.transport.StreamSettings.plainTcp(), c.outbounds().get(0).streamSettings());
        // 4.34 merges the files first, then builds every stream with the merged transport section
        ConfigDocument first = doc("a.json", "{\"inbounds\": [{\"port\": 1, \"protocol\": \"socks\", "
                + "\"streamSettings\": {\"network\": \"ds\"}}]}");
        ConfigDocument second = doc("b.json", "{\"transport\": {\"dsSettings\": {\"path\": \"x\", \"abstract\": true, "
                + "\"padding\": true}}}");
        ConfigModelException e = assertThrows(ConfigModelException.class,
                () -> new ConfigModelBuilder().build(List.of(first, second)));
        assertEquals("b.json:1:73: transport.dsSettings.padding is not supported by vtool yet", e.describe());
    }
}
