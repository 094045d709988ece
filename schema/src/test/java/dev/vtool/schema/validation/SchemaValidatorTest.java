package dev.vtool.schema.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Wording, severity and position of each kind of schema violation. */
class SchemaValidatorTest {
    private static final String UUID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    private static List<Finding> validate(String json) {
        ConfigDocument doc = new ConfigReader().read(new SourceFile("t.json", json)).document();
        assertNotNull(doc, "test input must parse");
        return SchemaValidator.shared().validate(doc);
    }

    private static Finding only(List<Finding> findings, String ruleId) {
        List<Finding> matching = findings.stream().filter(f -> f.ruleId().equals(ruleId)).toList();
        assertEquals(1, matching.size(), () -> "expected exactly one " + ruleId + " in " + render(findings));
        return matching.get(0);
    }

    private static String render(List<Finding> findings) {
        return findings.stream().map(f -> f.location() + " " + f.severity() + " " + f.ruleId() + ": " + f.message())
                .collect(Collectors.joining("\n  ", "\n  ", ""));
    }

    private static void assertAt(Finding f, int line, int column) {
        assertEquals(line + ":" + column, f.location().line() + ":" + f.location().column(), f::toString);
    }

    @Test
    void typeErrorNamesThePathAndTheValueAndSuggestsTheFix() {
        List<Finding> fs = validate("""
                {"inbounds": [{"port": 1, "protocol": "vmess",
                  "settings": {"clients": [{"id": "%s", "alterId": "4"}]}}]}""".formatted(UUID));
        Finding f = only(fs, "schema-type");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("`inbounds[0].settings.clients[0].alterId` must be a whole number, got the string \"4\"", f.message());
        assertEquals("write the number without quotes: 4", f.fix());
        assertAt(f, 2, 86);
    }

    @Test
    void aFractionalLiteralIsNotAWholeNumberForV2RayEvenWhenItsValueIs() {
        // JSON Schema counts 1080.0 as an integer; Go (and so V2Ray) refuses it: "invalid port range: 1080.0"
        Finding f = only(validate("{\"inbounds\": [{\"protocol\": \"socks\", \"port\": 1080.0}]}"), "schema-type");
        assertEquals("`inbounds[0].port` must be a whole number or a string, got the number 1080.0", f.message());
        assertEquals("V2Ray reads only whole-number literals here: write 1080", f.fix());
        assertTrue(validate("{\"inbounds\": [{\"protocol\": \"socks\", \"port\": 1080}]}").isEmpty());
    }

    @Test
    void rangeErrorGivesTheBounds() {
        Finding f = only(validate("{\"inbounds\": [{\"protocol\": \"socks\",\n \"port\": 70000}]}"), "schema-range");
        assertEquals("`inbounds[0].port` must be 0–65535, got 70000", f.message());
        assertAt(f, 2, 10);
        Finding kcp = only(validate("{\"transport\": {\"kcpSettings\": {\"mtu\": 1500}}}"), "schema-range");
        assertEquals("`transport.kcpSettings.mtu` must be 576–1460, got 1500", kcp.message());
    }

    @Test
    void checkedEnumIsAnErrorListingTheCanonicalNamesWithDidYouMean() {
        Finding f = only(validate("""
                {"outbounds": [{"protocol": "freedom", "streamSettings": {"network": "tpc"}}]}"""), "schema-enum");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("`outbounds[0].streamSettings.network` must be one of tcp, kcp, ws, http, domainsocket, quic; got \"tpc\"",
                f.message());
        assertEquals("did you mean \"tcp\"?", f.fix());
        Finding grpc = only(validate("""
                {"outbounds": [{"protocol": "freedom", "streamSettings": {"network": "grpc"}}]}"""), "schema-enum");
        assertTrue(grpc.fix().contains("4.36"), grpc::fix);
        Finding proto = only(validate("{\"outbounds\": [{\"protocol\": \"direct\"}]}"), "schema-enum");
        assertEquals("the protocol is called \"freedom\"", proto.fix());
    }

    @Test
    void toleratedEnumIsOnlyAWarningSayingWhatV2RayUsesInstead() {
        List<Finding> fs = validate("{\"log\": {\"loglevel\": \"verbose\"}, \"routing\": {\"domainStrategy\": \"IPIfNoMatch\"}}");
        assertTrue(fs.stream().noneMatch(Finding::isError), () -> render(fs));
        Finding log = fs.stream().filter(f -> f.message().startsWith("`log.loglevel`")).findFirst().orElseThrow();
        assertEquals("ignored-value", log.ruleId());
        assertEquals("`log.loglevel` \"verbose\" is not one of debug, info, warning, error, none; V2Ray silently uses"
                + " \"warning\" instead", log.message());
        Finding ds = fs.stream().filter(f -> f.message().startsWith("`routing.domainStrategy`")).findFirst().orElseThrow();
        assertEquals("did you mean \"IPIfNonMatch\"?", ds.fix());
    }

    @Test
    void valueInAnotherCaseWorksAndIsCheckedAsV2RayReadsIt() {
        // "VMess" is what V2Ray reads as vmess, so the vmess settings rules must still apply.
        List<Finding> fs = validate("""
                {"outbounds": [{"protocol": "VMess", "settings": {"vnext": []}}]}""");
        Finding caseWarning = only(fs, "value-case");
        assertEquals(Severity.WARNING, caseWarning.severity());
        assertTrue(caseWarning.message().contains("write \"vmess\""), caseWarning::message);
        Finding empty = only(fs, "schema-empty");
        assertEquals("`outbounds[0].settings.vnext` must not be empty", empty.message());
        assertEquals("V2Ray says: \"0 VMess receiver configured\"", empty.fix());
    }

    @Test
    void keyInAnotherCaseIsAWarningAndItsValueIsStillChecked() {
        List<Finding> fs = validate("{\"inbounds\": [{\"protocol\": \"socks\",\n  \"Port\": 70000}]}");
        Finding key = only(fs, "key-case");
        assertEquals("`Port` in `inbounds[0]` works because V2Ray ignores key case, but write `port`", key.message());
        assertAt(key, 2, 3);
        Finding range = only(fs, "schema-range");
        assertEquals("`inbounds[0].Port` must be 0–65535, got 70000", range.message());
        assertAt(range, 2, 11);
        // A required key present in another case is not "missing".
        List<Finding> rule = validate("{\"routing\": {\"rules\": [{\"Type\": \"field\", \"OutboundTag\": \"x\", \"ip\": [\"1.1.1.1\"]}]}}");
        assertTrue(rule.stream().noneMatch(Finding::isError), () -> render(rule));
    }

    @Test
    void caseRepairsReachDeeplyNestedSettingsAndListItems() {
        // Every level is spelt oddly; V2Ray reads all of it, so the only error is the real one deep inside.
        List<Finding> fs = validate("""
                {"OUTBOUNDS": [{"PROTOCOL": "VMESS", "SETTINGS": {"VNEXT": [{"ADDRESS": "a", "PORT": 1,
                  "USERS": [{"ID": "%s", "ALTERID": "4"}]}]}}],
                 "Inbounds": [{"port": 1, "protocol": "socks", "sniffing": {"destOverride": ["HTTP", "tls"]}}]}"""
                .formatted(UUID));
        List<Finding> errors = fs.stream().filter(Finding::isError).toList();
        assertEquals(1, errors.size(), () -> render(fs));
        assertEquals("`OUTBOUNDS[0].SETTINGS.VNEXT[0].USERS[0].ALTERID` must be a whole number, got the string \"4\"",
                errors.get(0).message());
        assertAt(errors.get(0), 2, 71);
        assertTrue(fs.stream().anyMatch(f -> f.message().equals(
                "`Inbounds[0].sniffing.destOverride[0]` \"HTTP\" works because V2Ray ignores case here, but write \"http\"")),
                () -> render(fs));
    }

    @Test
    void deprecatedTopLevelFormsAreCheckedLikeTheCurrentOnes() {
        List<Finding> fs = validate("""
                {"inbound": {"port": 1, "protocol": "vmes"}, "outboundDetour": [{"protocol": "freedom", "mux": {"concurrency": 4096}}]}""");
        assertEquals("`inbound.protocol` must be one of socks, http, dokodemo-door, vmess, vless, shadowsocks, trojan,"
                + " mtproto; got \"vmes\"", only(fs, "schema-enum").message());
        assertEquals("`outboundDetour[0].mux.concurrency` must be -32768–1024, got 4096", only(fs, "schema-range").message());
    }

    @Test
    void headerTypeKeyIsCaseSensitiveInV2Ray() {
        // Transport headers and blackhole responses go through a map lookup of "type": "Type" is not found.
        Finding f = only(validate("{\"outbounds\": [{\"protocol\": \"blackhole\", \"settings\": {\"response\": {\"Type\": \"http\"}}}]}"),
                "key-case");
        assertEquals(Severity.ERROR, f.severity());
        assertEquals("V2Ray says: \"type not found in JSON context\"", f.fix());
        // while everywhere else key case is only a warning
        assertEquals(Severity.WARNING, only(validate("{\"Log\": {}}"), "key-case").severity());
    }

    @Test
    void unknownKeyIsAWarningWithDidYouMeanAtTheKey() {
        List<Finding> fs = validate("""
                {"inbounds": [{"port": 1, "protocol": "vmess",
                  "settings": {"clinets": []}}]}""");
        Finding f = only(fs, "unknown-key");
        assertEquals(Severity.WARNING, f.severity());
        assertEquals("unknown key `clinets` in `inbounds[0].settings`; V2Ray 4.34 ignores it", f.message());
        assertEquals("did you mean `clients`?", f.fix());
        assertAt(f, 2, 16);
        Finding later = only(validate("{\"fakedns\": []}"), "unknown-key");
        assertEquals("`fakedns` does not exist in V2Ray 4.34 and is ignored", later.fix());
        assertTrue(later.message().contains("at the top level"), later::message);
    }

    @Test
    void missingRequiredKeyQuotesV2Ray() {
        Finding f = only(validate("{\"routing\": {\"rules\": [\n {\"outboundTag\": \"d\", \"ip\": [\"10.0.0.0/8\"]}]}}"),
                "schema-required");
        assertEquals("`routing.rules[0]` is missing `type`", f.message());
        assertEquals("V2Ray says: \"unknown router rule type: \"", f.fix());
        assertAt(f, 2, 2);
    }

    @Test
    void alternativesCollapseIntoOneFinding() {
        List<Finding> fs = validate("{\"routing\": {\"rules\": [{\"type\": \"field\", \"ip\": [\"1.1.1.1\"]}]}}");
        assertEquals(1, fs.size(), () -> render(fs));
        assertEquals("`routing.rules[0]`: needs `outboundTag` or `balancerTag`; V2Ray says \"neither outboundTag nor balancerTag is specified in routing rule\"",
                fs.get(0).message());
        assertEquals(Severity.ERROR, fs.get(0).severity());
    }

    @Test
    void patternErrorsSayWhatIsExpected() {
        Finding uuid = only(validate("""
                {"inbounds": [{"port": 1, "protocol": "vmess", "settings": {"clients": [{"id": "{abc}"}]}}]}"""),
                "schema-format");
        assertEquals("`inbounds[0].settings.clients[0].id` must be a UUID like b831381d-6324-4d53-ad4f-8cda48b30811,"
                + " got \"{abc}\"", uuid.message());
        Finding port = only(validate("{\"inbounds\": [{\"protocol\": \"socks\", \"port\": \"1080,1081\"}]}"), "schema-format");
        assertEquals("`inbounds[0].port` must be a port 0-65535, a range like \"1000-2000\" or \"env:NAME\", got \"1080,1081\"",
                port.message());
        // valid forms pass
        assertTrue(validate("{\"inbounds\": [{\"protocol\": \"socks\", \"port\": \"env:PORT\"}, {\"protocol\": \"socks\", "
                + "\"port\": \"1000-2000\"}, {\"protocol\": \"socks\", \"port\": \"0\"}]}").isEmpty());
        // V2Ray ignores what follows the 32 hex digits of an id, so vtool does too
        assertTrue(validate("{\"inbounds\": [{\"port\": 1, \"protocol\": \"vmess\", \"settings\": {\"clients\": "
                + "[{\"id\": \"B831381D6324-4d53-ad4f-8cda48b30811xyz\"}]}}]}").isEmpty());
    }

    @Test
    void levelKeysMustBeNumbersReportedAtTheKey() {
        Finding f = only(validate("{\"policy\": {\"levels\": {\n \"a\": {}}}}"), "schema-format");
        assertEquals("key \"a\" in `policy.levels` must be a level number like \"0\"", f.message());
        assertAt(f, 2, 2);
    }

    @Test
    void forbiddenKeysUseV2RaysMessage() {
        Finding f = only(validate("""
                {"inbounds": [{"port": 1, "protocol": "vless", "settings": {"decryption": "none", "fallback": {}}}]}"""),
                "schema-not-allowed");
        assertEquals("`inbounds[0].settings.fallback`: VLESS settings: please use \"fallbacks\":[{}] instead of"
                + " \"fallback\":{}", f.message());
    }

    @Test
    void nullIsTreatedAsAbsentLikeV2RayDoes() {
        Finding f = only(validate("{\"inbounds\": [{\"port\": 1, \"protocol\": \"socks\", \"tag\": null}]}"), "null-value");
        assertEquals(Severity.WARNING, f.severity());
        // null where V2Ray needs a value is a missing value: V2Ray says "0 VMess receiver configured"
        List<Finding> vmess = validate("{\"outbounds\": [{\"protocol\": \"vmess\", \"settings\": null}]}");
        assertEquals("`outbounds[0].settings` is null, which V2Ray reads as missing", only(vmess, "schema-required").message());
        assertTrue(vmess.stream().noneMatch(n -> n.ruleId().equals("null-value")), () -> render(vmess));
        // a null network is tcp, not an unknown transport
        assertTrue(validate("{\"outbounds\": [{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": null}}]}")
                .stream().noneMatch(Finding::isError));
        // a null in a list of strings is read as "": harmless in a domain list, an unknown protocol in destOverride
        List<Finding> domains = validate("{\"routing\": {\"rules\": [{\"type\": \"field\", \"domain\": [\"a\", null], "
                + "\"outboundTag\": \"x\"}]}}");
        assertTrue(domains.stream().noneMatch(Finding::isError), () -> render(domains));
        List<Finding> sniff = validate("{\"inbounds\": [{\"port\": 1, \"protocol\": \"socks\", \"sniffing\": {\"destOverride\": [null]}}]}");
        assertEquals("`inbounds[0].sniffing.destOverride[0]` must be one of http, tls, https, ssl; got \"\"",
                only(sniff, "schema-enum").message());
        // but a null HTTP header value is an error in V2Ray ("empty HTTP header value")
        List<Finding> header = validate("""
                {"transport": {"tcpSettings": {"header": {"type": "http", "request": {"headers": {"Host": null}}}}}}""");
        assertTrue(header.stream().anyMatch(Finding::isError), () -> render(header));
    }

    @Test
    void freedomRedirectNeedsAPortUnlessEmpty() {
        Finding f = only(validate("{\"outbounds\": [{\"protocol\": \"freedom\", \"settings\": {\"redirect\": \"1.1.1.1\"}}]}"),
                "schema-format");
        assertEquals("`outbounds[0].settings.redirect` must be \"host:port\" or \":port\", got \"1.1.1.1\"", f.message());
        assertTrue(validate("{\"outbounds\": [{\"protocol\": \"freedom\", \"settings\": {\"redirect\": \"\"}}, "
                + "{\"protocol\": \"freedom\", \"settings\": {\"redirect\": \":53\"}}, "
                + "{\"protocol\": \"freedom\", \"settings\": {\"redirect\": \"[::1]:53\"}}]}").isEmpty());
    }

    @Test
    void vtoolsOwnFreedomKeyIsKnown() {
        assertTrue(validate("{\"outbounds\": [{\"protocol\": \"freedom\", \"settings\": {\"allowPrivate\": true}}]}").isEmpty());
        // V2Ray ignores the key whatever its value, so a wrong type there is only a warning
        Finding f = only(validate("{\"outbounds\": [{\"protocol\": \"freedom\", \"settings\": {\"allowPrivate\": \"yes\"}}]}"),
                "schema-type");
        assertEquals(Severity.WARNING, f.severity());
    }

    @Test
    void sharedValidatorIsSafeToUseFromManyThreads() throws Exception {
        String json = "{\"inbounds\": [{\"protocol\": \"socks\", \"Port\": 70000, \"settings\": {\"aut\": \"noauth\"}}]}";
        String expected = render(validate(json));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 16; i++) {
                Callable<String> task = () -> render(validate(json));
                results.add(pool.submit(task));
            }
            for (Future<String> r : results) {
                assertEquals(expected, r.get(20, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
