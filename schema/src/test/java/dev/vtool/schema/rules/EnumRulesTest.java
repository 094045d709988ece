package dev.vtool.schema.rules;

import static dev.vtool.schema.rules.RuleTester.CLIENT_IN;
import static dev.vtool.schema.rules.RuleTester.FREEDOM_OUT;
import static dev.vtool.schema.rules.RuleTester.config;
import static dev.vtool.schema.rules.RuleTester.none;
import static dev.vtool.schema.rules.RuleTester.run;
import static dev.vtool.schema.rules.RuleTester.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Protocol, network, security, domainStrategy, log level, sniffing and VMess security enums. */
class EnumRulesTest {
    @Test
    void unknownProtocolSuggestsTheClosestAndPointsAtTheValue() {
        Finding f = single(new UnknownProtocolRule(), config(CLIENT_IN, "[{\"protocol\": \"vmss\"}]"));
        assertEquals(Severity.ERROR, f.severity());
        assertEquals(3, f.location().line());
        assertEquals(28, f.location().column(), "points at the value \"vmss\"");
        assertTrue(f.message().contains("unknown config id: vmss"), f.message());
        assertTrue(f.message().contains("Did you mean \"vmess\"?"), f.message());
        assertEquals("write \"protocol\": \"vmess\"", f.fix());
    }

    @Test
    void protocolOnTheWrongSideIsNamedAsSuch() {
        List<Finding> fs = run(new UnknownProtocolRule(), config("[{\"port\": 1, \"protocol\": \"freedom\"}]",
                "[{\"protocol\": \"dokodemo-door\"}]"));
        assertEquals(2, fs.size());
        assertTrue(fs.get(0).message().contains("\"freedom\" is an outbound protocol"), fs.get(0).message());
        assertTrue(fs.get(1).message().contains("\"dokodemo-door\" is an inbound protocol"), fs.get(1).message());
    }

    @Test
    void protocolIdsAreCaseInsensitiveAndAliasesAreExplained() {
        none(new UnknownProtocolRule(), config("[{\"port\": 1, \"Protocol\": \"SOCKS\"}]", "[{\"protocol\": \"Freedom\"}]"));
        Finding f = single(new UnknownProtocolRule(), config(CLIENT_IN, "[{\"protocol\": \"direct\"}]"));
        assertEquals("write \"protocol\": \"freedom\"", f.fix());
        Finding missing = single(new UnknownProtocolRule(), config(CLIENT_IN, "[{\"tag\": \"x\"}]"));
        assertTrue(missing.message().contains("has no \"protocol\""), missing.message());
    }

    @Test
    void networkTypoAndLaterTransports() {
        Finding tpc = single(new UnknownNetworkRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": \"tpc\"}}]"));
        assertTrue(tpc.message().contains("Config: unknown transport protocol: tpc"), tpc.message());
        assertEquals("write \"network\": \"tcp\"", tpc.fix());
        Finding grpc = single(new UnknownNetworkRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": \"grpc\"}}]"));
        assertTrue(grpc.message().contains("does not exist in V2Ray 4.34"), grpc.message());
        none(new UnknownNetworkRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": \"WebSocket\"}}]"));
    }

    @Test
    void securityOtherThanTlsIsAWarningWithDidYouMean() {
        Finding f = single(new UnknownSecurityRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"security\": \"https\"}}]"));
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("WITHOUT TLS") && f.message().contains("Did you mean \"tls\"?"), f.message());
        Finding xtls = single(new UnknownSecurityRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"security\": \"xtls\"}}]"));
        assertTrue(xtls.message().contains("Xray"), xtls.message());
        none(new UnknownSecurityRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"security\": \"TLS\"}}]"));
    }

    @Test
    void domainStrategiesOfRoutingAndFreedom() {
        String json = "{\"outbounds\": [{\"protocol\": \"freedom\", \"settings\": {\"domainStrategy\": \"UseIPv5\"}}],"
                + "\"routing\": {\"domainStrategy\": \"IPIfNonMatched\"}}";
        List<Finding> fs = run(new UnknownDomainStrategyRule(), json);
        assertEquals(2, fs.size());
        assertTrue(fs.stream().anyMatch(f -> f.message().contains("Did you mean \"IPIfNonMatch\"?")), fs.toString());
        assertTrue(fs.stream().anyMatch(f -> f.message().startsWith("freedom domainStrategy \"UseIPv5\"")), fs.toString());
        none(new UnknownDomainStrategyRule(), "{\"outbounds\": [{\"protocol\": \"freedom\", \"settings\": "
                + "{\"domainStrategy\": \"use_ip_v4\"}}], \"routing\": {\"domainStrategy\": \"ip-on-demand\"}}");
    }

    @Test
    void logLevel() {
        Finding f = single(new UnknownLogLevelRule(), "{\"log\": {\"loglevel\": \"warn\"}}");
        assertEquals("write \"loglevel\": \"warning\"", f.fix());
        assertTrue(f.message().contains("silently uses \"warning\""), f.message());
        none(new UnknownLogLevelRule(), "{\"log\": {\"loglevel\": \"Debug\"}}");
    }

    @Test
    void sniffingNamesEachBadEntry() {
        Finding f = single(new UnknownSniffingProtocolRule(), config("[{\"port\": 1, \"protocol\": \"socks\", "
                + "\"sniffing\": {\"enabled\": true, \"destOverride\": [\"http\", \"fakedns\"]}}]", FREEDOM_OUT));
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("unknown protocol: fakedns"), f.message());
        // V2Ray splits a comma string without trimming: " tls" is unknown
        Finding spaced = single(new UnknownSniffingProtocolRule(), config("[{\"port\": 1, \"protocol\": \"socks\", "
                + "\"sniffing\": {\"destOverride\": \"http, tls\"}}]", FREEDOM_OUT));
        assertTrue(spaced.message().contains("does not trim") && spaced.message().contains("Did you mean \"tls\"?"),
                spaced.message());
        // comma-separated string form is accepted by 4.34 too
        none(new UnknownSniffingProtocolRule(), config("[{\"port\": 1, \"protocol\": \"socks\", "
                + "\"sniffing\": {\"destOverride\": \"http,TLS,ssl\"}}]", FREEDOM_OUT));
    }

    @Test
    void vmessSecurityFallsBackToAuto() {
        Finding f = single(new UnknownVmessSecurityRule(), config(CLIENT_IN, RuleTester.vmessOut(
                "{\"id\": \"" + RuleTester.UUID + "\", \"security\": \"chacha20-poly1306\"}")));
        assertTrue(f.message().contains("Did you mean \"chacha20-poly1305\"?"), f.message());
    }
}
