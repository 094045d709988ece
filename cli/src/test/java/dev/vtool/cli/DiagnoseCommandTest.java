package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class DiagnoseCommandTest {
    private static final Path LOGS = V2rayBinary.repoRoot().resolve("testdata/logs");

    private static CliRun run(String stdin, String... args) {
        return CliRun.withStdin(stdin, args);
    }

    private static String log(String name) {
        return LOGS.resolve(name).toString();
    }

    @Test
    void healthyLogExitsZeroAndSaysSo() {
        CliRun r = run(null, "diagnose", "--color=never", log("healthy.log"));
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("no problems found (2 notes)"), r.out());
        assertTrue(r.out().contains("[context-canceled]"), r.out());
    }

    @Test
    void textReportGroupsMostFrequentFirstWithCauseFixAndUnrecognised() {
        CliRun r = run(null, "diagnose", "--color=never", log("server-invalid-user.log"));
        assertEquals(1, r.exitCode());
        String out = r.out();
        assertTrue(out.startsWith("error: VMess server rejected a client (invalid user) [vmess-invalid-user]"), out);
        assertTrue(out.contains("5 times, first 2026/11/25 09:12:44, last 2026/11/25 09:40:07"), out);
        assertTrue(out.contains("server-invalid-user.log:6: 2026/11/25 09:12:44 [Info] [3135433675]"), out);
        assertTrue(out.contains("cause: No VMess user matched") && out.contains("fix: Compare the id"), out);
        assertTrue(out.indexOf("[request-header-eof]") < out.indexOf("[context-canceled]"), "2 before 1: " + out);
        assertTrue(out.contains("unrecognised: 2 lines"), out);
        assertTrue(out.contains("2x  v2ray.com/core/proxy/vmess/inbound: something vtool has never seen <n>"), out);
        assertFalse(out.contains("\u001B["), "no colour with --color=never");
    }

    @Test
    void jsonReport() {
        CliRun r = run(null, "diagnose", "--format", "json", log("client-browser.log"));
        assertEquals(1, r.exitCode());
        JsonNode root = JsonMapper.shared().readTree(r.out());
        JsonNode first = root.get("entries").get(0);
        assertEquals("socks-got-http", first.get("id").asString());
        assertEquals(4, first.get("count").asInt());
        assertEquals("2026/11/25 10:00:05", first.get("firstSeen").asString());
        assertEquals(2, first.get("example").get("line").asInt());
        assertEquals(2, first.get("captures").get("version").get("71").asInt());
        assertEquals(0, root.get("summary").get("unrecognised").asInt());
        assertEquals(6, root.get("entries").size());
    }

    @Test
    void oneLineWithLineOption() {
        CliRun r = run(null, "diagnose", "--color=never", "-l",
                "2017/08/08 10:00:01 [Warning] Proxy|HTTP: failed to read http request > malformed HTTP request \"\\x05\\x01\\x00\"");
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("[http-got-socks]") && r.out().contains("once, at 2017/08/08 10:00:01"), r.out());
    }

    @Test
    void stdinWithDashOrWithoutArguments() throws Exception {
        String journal = Files.readString(LOGS.resolve("journal-startup.log"));
        CliRun dash = run(journal, "diagnose", "--color=never", "-");
        assertEquals(1, dash.exitCode());
        assertTrue(dash.out().contains("[port-in-use]") && dash.out().contains("<stdin>:"), dash.out());
        CliRun none = run(journal, "diagnose", "--color=never");
        assertEquals(dash.out(), none.out());
    }

    @Test
    void contextCanceledAloneIsNotAProblem() {
        CliRun r = run(null, "diagnose", "--line", "2026/11/25 12:58:44 [Info] [1] v2ray.com/core/app/proxyman/outbound:"
                + " failed to process outbound traffic > v2ray.com/core/proxy/vmess/outbound: connection ends > context canceled");
        assertEquals(0, r.exitCode(), r.out());
    }

    @Test
    void unreadableInputsAndBadOptionsExitTwo() {
        CliRun missing = run(null, "diagnose", log("healthy.log"), "/nonexistent/v2ray.log");
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("/nonexistent/v2ray.log: no such file"), missing.err());
        assertTrue(missing.out().contains("no problems found"), "readable inputs are still reported");
        CliRun sarif = run(null, "diagnose", "--format", "sarif", log("healthy.log"));
        assertEquals(2, sarif.exitCode());
        assertTrue(sarif.err().contains("diagnose offers text and json"), sarif.err());
        CliRun dir = run(null, "diagnose", LOGS.toString());
        assertEquals(2, dir.exitCode());
        assertTrue(dir.err().contains("is a directory"), dir.err());
    }

    @Test
    void badConfigExitsTwoWithTheReason(@TempDir Path tmp) throws Exception {
        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "{\"inbounds\": [");
        CliRun r = run(null, "diagnose", "--config", bad.toString(), log("healthy.log"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--config " + bad + ": not a usable config"), r.err());
        CliRun none = run(null, "diagnose", "--server", tmp.resolve("nope.json").toString(), log("healthy.log"));
        assertEquals(2, none.exitCode());
        assertTrue(none.err().contains("no such file"), none.err());
    }

    @Test
    void configAndServerTailorTheInvalidUserFix(@TempDir Path tmp) throws Exception {
        Path client = tmp.resolve("client.json");
        Files.writeString(client, "{\n  \"inbounds\": [{\"tag\": \"socks-in\", \"port\": 1080, \"protocol\": \"socks\"}],\n"
                + "  \"outbounds\": [{\"protocol\": \"vmess\", \"settings\": {\"vnext\": [{\"address\": \"203.0.113.7\","
                + " \"port\": 10086,\n    \"users\": [{\"id\": \"0b9e4c1a-7d3f-4e2b-9a6c-5f8d2e1b3c4a\", \"alterId\": 0}]}]}}]\n}\n");
        Path server = tmp.resolve("server.json");
        Files.writeString(server, "{\"inbounds\": [{\"port\": 10086, \"protocol\": \"vmess\", \"settings\": {\"clients\":"
                + " [{\"id\": \"b831381d-6324-4d53-ad4f-8cda48b30811\", \"alterId\": 0}]}}]}");
        CliRun r = run(null, "diagnose", "--color=never", "--config", client.toString(), "--server", server.toString(),
                log("server-invalid-user.log"));
        assertEquals(1, r.exitCode());
        assertTrue(r.out().contains("for your config:"), r.out());
        assertTrue(r.out().contains("id differs: the client's id 0b9e4c1a-7d3f-4e2b-9a6c-5f8d2e1b3c4a"), r.out());
        assertTrue(r.out().contains(client + ":4:"), "names the client id's position: " + r.out());

        CliRun browser = run(null, "diagnose", "--color=never", "-c", client.toString(), log("client-browser.log"));
        assertTrue(browser.out().contains("socks inbound \"socks-in\" (inbounds[0], port 1080)"), browser.out());
        assertTrue(browser.out().contains("\"protocol\": \"http\""), browser.out());
    }

    @Test
    void colourWhenAsked() {
        CliRun r = run(null, "diagnose", "--color=always", log("client-network.log"));
        assertTrue(r.out().contains("\u001B[1;31merror\u001B[0m"), r.out());
    }

    @Test
    void listShowsEveryKnownMessage() {
        CliRun r = run(null, "diagnose", "--list");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().lines().count() >= 40, r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("vmess-invalid-user") && l.contains("error")), r.out());
        assertTrue(r.out().lines().anyMatch(l -> l.startsWith("context-canceled") && l.contains("info")), r.out());
    }

    @Test
    void logBytesCannotDriveTheTerminal() {
        String esc = "\u001B[2J\u001B]0;pwned\u0007";
        CliRun r = run("2026/11/25 09:00:00 [Warning] [1] v2ray.com/core/proxy/vmess/inbound: never seen " + esc + "\r\n"
                + "2026/11/25 09:00:01 [Info] [2] v2ray.com/core/app/proxyman/inbound: connection ends >"
                + " v2ray.com/core/proxy/vmess/inbound: invalid request from 198.51.100.1:5000 > \u009B31m >"
                + " v2ray.com/core/proxy/vmess/encoding: invalid user > v2ray.com/core/proxy/vmess: Not Found\n",
                "diagnose", "--color=never", "-");
        assertEquals(1, r.exitCode(), r.out() + r.err());
        for (char c : new char[] {'\u001B', '\u0007', '\r', '\u009B'}) {
            assertFalse(r.out().indexOf(c) >= 0, "raw U+" + Integer.toHexString(c) + " in " + r.out());
        }
        assertTrue(r.out().contains("never seen \\x1b[2J\\x1b]<n>;pwned\\x07"), r.out());
        assertTrue(r.out().contains("> \\x9b31m >"), r.out());
    }

    @Test
    void dashFIsFollowAndTheOldFormatSpellingGetsAHint() {
        CliRun r = run(null, "diagnose", "-f", "json");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("-f means --follow; for this output format use --format json"), r.err());
        CliRun two = run(null, "diagnose", "--follow", log("healthy.log"), log("healthy.log"));
        assertEquals(2, two.exitCode());
        assertTrue(two.err().contains("--follow reads one log"), two.err());
    }
}
