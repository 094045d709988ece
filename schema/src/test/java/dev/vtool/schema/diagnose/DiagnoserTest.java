package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DiagnoserTest {
    private static final String INVALID_USER = "[Info] [1] v2ray.com/core/app/proxyman/inbound: connection ends > "
            + "v2ray.com/core/proxy/vmess/inbound: invalid request from IP:5000 > v2ray.com/core/proxy/vmess/encoding: "
            + "invalid user > v2ray.com/core/proxy/vmess: Not Found";
    private static final String ID_A = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String ID_B = "b831381d-6324-4d53-ad4f-8cda48b30812";

    private static DiagnosisReport diagnose(String log, TailorContext ctx) {
        return new Diagnoser().diagnose(List.of(new SourceFile("test.log", log)), ctx);
    }

    private static ConfigDocument config(String name, String json) {
        ConfigDocument doc = new ConfigReader().read(new SourceFile(name, json)).document();
        assertTrue(doc != null, "test config parses: " + json);
        return doc;
    }

    private static ConfigDocument client(String id, int alterId) {
        return config("client.json", "{\"inbounds\":[{\"tag\":\"socks-in\",\"port\":1080,\"listen\":\"127.0.0.1\","
                + "\"protocol\":\"socks\"}],\n\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":"
                + "\"203.0.113.7\",\"port\":10086,\"users\":[{\n\"id\":\"" + id + "\",\"alterId\":" + alterId + "}]}]}}]}");
    }

    private static ConfigDocument server(String id, int alterId) {
        return config("server.json", "{\"inbounds\":[{\"port\":10086,\"protocol\":\"vmess\",\"settings\":{\"clients\":"
                + "[{\"id\":\"" + id + "\",\"alterId\":" + alterId + "}]}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}");
    }

    @Test
    void groupsByEntryWithCountsTimesAndCaptures() {
        DiagnosisReport r = diagnose("2026/11/25 09:00:00 " + INVALID_USER.replace("IP", "198.51.100.1") + "\n"
                + "2026/11/25 09:00:01 [Info] [2] x: connection ends > context canceled\n"
                + "2026/11/25 09:05:00 " + INVALID_USER.replace("IP", "198.51.100.2") + "\n"
                + "2026/11/25 09:06:00 " + INVALID_USER.replace("IP", "198.51.100.1") + "\n", TailorContext.NONE);
        assertEquals(2, r.groups().size());
        EntryGroup g = r.groups().get(0);
        assertEquals("vmess-invalid-user", g.entry().id());
        assertEquals(3, g.count());
        assertEquals("2026/11/25 09:00:00", g.firstSeen());
        assertEquals("2026/11/25 09:06:00", g.lastSeen());
        assertEquals(Map.of("198.51.100.1", 2L, "198.51.100.2", 1L), g.captures().get("ip"));
        assertEquals(1, g.first().lineNumber());
        assertTrue(r.hasProblems());
        assertEquals(4, r.lines());
        assertEquals(4, r.matched());
        assertTrue(g.advice().isEmpty(), "no config, no tailored advice");
    }

    @Test
    void firstAndLastSeenFollowTheClockAcrossSeveralLogs() {
        String line = " [Info] [1] x: connection ends > context canceled\n";
        DiagnosisReport r = new Diagnoser().diagnose(List.of(
                new SourceFile("today.log", "2026/11/25 10:00:00" + line + "2026/11/25 11:00:00" + line),
                new SourceFile("yesterday.log", "2026/11/24 23:00:00" + line)));
        EntryGroup g = r.group("context-canceled");
        assertEquals("2026/11/24 23:00:00", g.firstSeen());
        assertEquals("2026/11/25 11:00:00", g.lastSeen());
        assertEquals("today.log", g.first().source(), "the example stays the first line read");
    }

    @Test
    void fixPlaceholdersFallBackToTheNameWhenValuesDiffer() {
        String refused = "[Warning] [1] x: failed to find an available destination > common/retry: [dial tcp 10.0.0.1:%d:"
                + " connect: connection refused] > all retry attempts failed\n";
        DiagnosisReport r = diagnose(String.format(refused, 443) + String.format(refused, 8443), TailorContext.NONE);
        assertTrue(r.group("server-connection-refused").fix().contains("grep PORT`"), r.group("server-connection-refused").fix());
        DiagnosisReport one = diagnose(String.format(refused, 443), TailorContext.NONE);
        assertTrue(one.group("server-connection-refused").fix().contains("grep 443`"), one.group("server-connection-refused").fix());
    }

    @Test
    void infoOnlyLogHasNoProblems() {
        DiagnosisReport r = diagnose("2026/11/25 09:00:01 [Info] [2] x: connection ends > context canceled\n"
                + "2026/11/25 09:00:00 [Warning] v2ray.com/core: V2Ray 4.34.0 started\n", TailorContext.NONE);
        assertFalse(r.hasProblems());
        assertEquals(1, r.routine());
        assertEquals(1, r.groups().size());
    }

    @Test
    void unknownLinesAreGroupedByShapeMostCommonFirst() {
        DiagnosisReport r = diagnose("2026/11/25 09:00:00 [Warning] [1] foo: odd thing from 10.0.0.1:443 took 12 ms\n"
                + "2026/11/25 09:00:01 [Warning] [2] bar: another oddity\n"
                + "2026/11/25 09:00:02 [Warning] [3] foo: odd thing from 10.0.0.2:80 took 7 ms\n"
                + "2026/11/25 09:00:03 [Warning] [4] foo: odd thing from [2001:db8::1]:80 took 9 ms\n", TailorContext.NONE);
        assertEquals(4, r.unrecognised());
        assertEquals(2, r.unrecognisedGroups().size());
        UnrecognisedGroup first = r.unrecognisedGroups().get(0);
        assertEquals(3, first.count());
        assertEquals("foo: odd thing from <ip>:<n> took <n> ms", first.shape());
        assertEquals(1, first.example().lineNumber());
        assertFalse(r.hasProblems(), "unrecognised lines are listed, not judged");
    }

    @Test
    void invalidUserTailoringSaysTheIdDiffers() {
        DiagnosisReport r = diagnose(INVALID_USER.replace("IP", "127.0.0.1"),
                new TailorContext(client(ID_B, 0), server(ID_A, 0)));
        List<String> advice = r.group("vmess-invalid-user").advice();
        String all = String.join("\n", advice);
        assertTrue(all.contains("id differs"), all);
        assertTrue(all.contains(ID_B) && all.contains(ID_A), all);
        assertTrue(all.contains("client.json:3:"), "points at the client's id: " + all);
        assertFalse(all.contains("clock is the suspect"), all);
    }

    @Test
    void invalidUserTailoringReadsKeysInAnyCaseAsV2rayDoes() {
        // "OutBounds", "VNext", "ID": V2Ray reads them, so diagnose compares them
        ConfigDocument cased = config("client.json", "{\"OutBounds\":[{\"Protocol\":\"vmess\",\"Settings\":{\"VNext\":"
                + "[{\"Address\":\"203.0.113.7\",\"PORT\":10086,\"Users\":[{\n\"ID\":\"" + ID_B + "\"}]}]}}]}");
        ConfigDocument server = config("server.json", "{\"Inbounds\":[{\"Port\":10086,\"Protocol\":\"VMess\",\"Settings\":"
                + "{\"Clients\":[{\"Id\":\"" + ID_A + "\"}]}}]}");
        DiagnosisReport r = diagnose(INVALID_USER.replace("IP", "127.0.0.1"), new TailorContext(cased, server));
        String all = String.join("\n", r.group("vmess-invalid-user").advice());
        assertTrue(all.contains("id differs"), all);
        assertTrue(all.contains(ID_B) && all.contains(ID_A), all);
        assertTrue(all.contains("client.json:2:"), "points at the client's ID: " + all);
    }

    @Test
    void invalidUserTailoringBlamesTheClockOnlyWhenIdsMatch() {
        // Same UUID written differently (upper case, no dashes) is the same id for V2Ray.
        String sameIdOtherSpelling = ID_A.replace("-", "").toUpperCase();
        DiagnosisReport r = diagnose(INVALID_USER.replace("IP", "127.0.0.1"),
                new TailorContext(client(sameIdOtherSpelling, 0), server(ID_A, 4)));
        String all = String.join("\n", r.group("vmess-invalid-user").advice());
        assertTrue(all.contains("id and alterId match as far as vtool can check"), all);
        assertTrue(all.contains("clock is the suspect"), all);
    }

    @Test
    void invalidUserTailoringDoesNotMatchAnIdV2rayRejects() {
        // The same 32 hex digits with a dash one place off: V2Ray 4.34 rejects it, so it is not the server's id.
        String misplacedDash = ID_A.substring(0, 8) + ID_A.charAt(9) + "-" + ID_A.substring(10);
        DiagnosisReport r = diagnose(INVALID_USER.replace("IP", "127.0.0.1"),
                new TailorContext(client(misplacedDash, 0), server(ID_A, 0)));
        String all = String.join("\n", r.group("vmess-invalid-user").advice());
        assertTrue(all.contains("id differs"), all);
        assertFalse(all.contains("clock is the suspect"), all);
    }

    @Test
    void invalidUserTailoringOnlyChecksOutboundsAimedAtThatServer() {
        // Two VMess outbounds: one to this server's port 10086 (right id), one to another server (other id).
        ConfigDocument twoServers = config("client.json", "{\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":"
                + "{\"vnext\":[{\"address\":\"a\",\"port\":10086,\"users\":[{\"id\":\"" + ID_A + "\"}]}]}},"
                + "{\"protocol\":\"vmess\",\"settings\":{\"vnext\":[{\"address\":\"b\",\"port\":443,\"users\":"
                + "[{\"id\":\"" + ID_B + "\"}]}]}}]}");
        DiagnosisReport r = diagnose(INVALID_USER.replace("IP", "127.0.0.1"),
                new TailorContext(twoServers, server(ID_A, 0)));
        String all = String.join("\n", r.group("vmess-invalid-user").advice());
        assertFalse(all.contains("id differs"), all);
        assertTrue(all.contains("clock is the suspect"), all);
    }

    @Test
    void invalidUserTailoringNamesAnAlterIdMismatch() {
        DiagnosisReport r = diagnose(INVALID_USER.replace("IP", "127.0.0.1"),
                new TailorContext(client(ID_A, 4), server(ID_A, 0)));
        String all = String.join("\n", r.group("vmess-invalid-user").advice());
        assertTrue(all.contains("alterId differs"), all);
        assertFalse(all.contains("clock"), all);
    }

    @Test
    void invalidUserTailoringWithOneConfigAsksForBoth() {
        DiagnosisReport r = diagnose(INVALID_USER.replace("IP", "127.0.0.1"), new TailorContext(server(ID_A, 0), null));
        String all = String.join("\n", r.group("vmess-invalid-user").advice());
        assertTrue(all.contains("--config CLIENT.json --server SERVER.json"), all);
    }

    @Test
    void unknownSocksVersionNamesTheSocksInboundAndShowsAnHttpInbound() {
        DiagnosisReport r = diagnose("2026/11/25 10:00:05 [Info] [1] v2ray.com/core/app/proxyman/inbound: connection ends"
                + " > v2ray.com/core/proxy/socks: failed to read request > v2ray.com/core/proxy/socks: unknown Socks version: 71",
                new TailorContext(client(ID_A, 0), null));
        List<String> advice = r.group("socks-got-http").advice();
        String all = String.join("\n", advice);
        assertTrue(all.contains("socks inbound \"socks-in\" (inbounds[0], port 1080, listen 127.0.0.1) at client.json:1:"),
                all);
        String snippet = advice.stream().filter(a -> a.contains("{")).findFirst().orElseThrow();
        JsonNode inbound = JsonMapper.shared().readTree(snippet.substring(snippet.indexOf('{')));
        assertEquals("http", inbound.get("protocol").asString());
        assertEquals(1081, inbound.get("port").asInt(), "next port the config does not use");
    }

    @Test
    void malformedHttpRequestNamesTheHttpInboundAndShowsASocksInbound() {
        ConfigDocument cfg = config("c.json", "{\"inbounds\":[{\"tag\":\"h\",\"port\":8080,\"protocol\":\"http\"},"
                + "{\"port\":8081,\"protocol\":\"vmess\"}]}");
        DiagnosisReport r = diagnose("[Warning] [9] v2ray.com/core/proxy/http: failed to read http request > malformed"
                + " HTTP request \"\\x05\\x01\\x00\"", new TailorContext(cfg, null));
        List<String> advice = r.group("http-got-socks").advice();
        String all = String.join("\n", advice);
        assertTrue(all.contains("http inbound \"h\" (inbounds[0], port 8080)"), all);
        String snippet = advice.stream().filter(a -> a.contains("{")).findFirst().orElseThrow();
        JsonNode inbound = JsonMapper.shared().readTree(snippet.substring(snippet.indexOf('{')));
        assertEquals("socks", inbound.get("protocol").asString());
        assertEquals(8082, inbound.get("port").asInt(), "8081 is taken by the vmess inbound");
    }

    @Test
    void portInUseNamesTheInboundOnThatPort() {
        ConfigDocument cfg = config("s.json", "{\"inbounds\":[{\"tag\":\"web\",\"port\":443,\"protocol\":\"vmess\"},"
                + "{\"tag\":\"range\",\"port\":\"1000-2000\",\"protocol\":\"socks\"}]}");
        DiagnosisReport r = diagnose("Failed to start v2ray.com/core/app/proxyman/inbound: failed to listen TCP on 1500 > "
                + "listen tcp 0.0.0.0:1500: bind: address already in use\n"
                + "Failed to start v2ray.com/core/app/proxyman/inbound: failed to listen TCP on 443 > "
                + "listen tcp 0.0.0.0:443: bind: permission denied", new TailorContext(cfg, null));
        String inUse = String.join("\n", r.group("port-in-use").advice());
        assertTrue(inUse.contains("port 1500 belongs to the socks inbound \"range\""), inUse);
        assertTrue(inUse.contains("another program holds it"), inUse);
        assertTrue(r.group("port-in-use").fix().contains("grep :1500` (or `lsof -i :1500`)"), r.group("port-in-use").fix());
        String denied = String.join("\n", r.group("port-permission-denied").advice());
        assertTrue(denied.contains("port 443 belongs to the vmess inbound \"web\""), denied);
        assertTrue(denied.contains("below 1024"), denied);
    }

    @Test
    void missingCertificateFileNamesTheKeyPathAndPosition() {
        ConfigDocument cfg = config("s.json", "{\"inbounds\":[{\"port\":443,\"protocol\":\"vmess\",\n"
                + "\"streamSettings\":{\"security\":\"tls\",\"tlsSettings\":{\"certificates\":[\n"
                + "{\"certificateFile\":\"/etc/v2ray/v2ray.crt\",\"keyFile\":\"/etc/v2ray/v2ray.key\"}]}}}]}");
        DiagnosisReport r = diagnose("main: failed to read config files: [s.json] > v2ray.com/core/infra/conf: Failed to"
                + " build TLS config. > v2ray.com/core/infra/conf: failed to parse certificate > open /etc/v2ray/v2ray.crt:"
                + " no such file or directory", new TailorContext(cfg, null));
        String all = String.join("\n", r.group("certificate-file-missing").advice());
        assertTrue(all.contains("inbounds[0].streamSettings.tlsSettings.certificates[0].certificateFile at s.json:3:"),
                all);
        assertFalse(all.contains("keyFile"), all);
    }

    @Test
    void withoutConfigThereIsNoAdviceAndEntriesWithoutTailorGetNone() {
        DiagnosisReport r = diagnose("x509: certificate signed by unknown authority",
                new TailorContext(client(ID_A, 0), null));
        assertTrue(r.group("tls-unknown-authority").advice().isEmpty());
        assertNull(r.group("vmess-invalid-user"));
    }

    @Test
    void vmessClosedWithoutResponseNamesSecurityNoneAndOneSidedTls() {
        ConfigDocument cl = config("client.json", "{\"outbounds\":[{\"protocol\":\"vmess\",\"settings\":{\"vnext\":"
                + "[{\"address\":\"a\",\"port\":443,\"users\":[{\"id\":\"" + ID_A + "\",\n\"security\":\"none\"}]}]}}]}");
        ConfigDocument sv = config("server.json", "{\"inbounds\":[{\"port\":443,\"protocol\":\"vmess\",\"settings\":"
                + "{\"clients\":[{\"id\":\"" + ID_A + "\"}],\"disableInsecureEncryption\":true},"
                + "\"streamSettings\":{\"security\":\"tls\"}}]}");
        String line = "[Info] [1] v2ray.com/core/proxy/vmess/outbound: failed to read header > "
                + "v2ray.com/core/proxy/vmess/encoding: Unable to Read Header Len > EOF";
        String all = String.join("\n", diagnose(line, new TailorContext(cl, sv)).group("vmess-no-response-header").advice());
        assertTrue(all.contains("outbounds[0].settings.vnext[0].users[0].security at client.json:2:") && all.contains("\"none\""),
                all);
        assertTrue(all.contains("TLS on one side only"), all);
        assertTrue(all.contains("has \"disableInsecureEncryption\": true, so it closes these connections"), all);
        assertFalse(all.contains("id differs"), all);
        String onlyClient = String.join("\n", diagnose(line, new TailorContext(cl, null))
                .group("vmess-no-response-header").advice());
        assertTrue(onlyClient.contains("--server"), onlyClient);
    }
}
