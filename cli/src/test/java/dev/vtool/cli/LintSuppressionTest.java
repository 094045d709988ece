package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `vtool lint` with what users silence: vtool-disable comments (line, next line, file), a .vtool.json found
 * upward from the config, --disable; stale or misspelt suppressions come back as unused-suppression.
 */
class LintSuppressionTest {
    /** Three warnings: open-proxy on line 5, placeholder-address on line 9, legacy-alter-id on line 10. */
    private static final String CLIENT = """
            {
              "inbounds": [{
                "port": 1080,
                "protocol": "socks",
                "settings": {"auth": "noauth"}%s
              }],
              "outbounds": [{%s
                "protocol": "vmess",
                "settings": {"vnext": [{"address": "serveraddr.com", "port": 16823,
                  "users": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "alterId": 64}]}]}
              }]
            }
            """;

    @TempDir
    Path dir;

    private Path write(String relative, String text) throws IOException {
        Path p = dir.resolve(relative);
        Files.createDirectories(p.getParent());
        Files.writeString(p, text);
        return p;
    }

    private static String rules(CliRun r) {
        StringBuilder b = new StringBuilder();
        r.out().lines().filter(l -> l.matches(".*:\\d+:\\d+: \\w+: .*\\[[a-z0-9-]+]$"))
                .forEach(l -> b.append(l.replaceAll("^.*?:(\\d+):\\d+: (\\w+): .*\\[([a-z0-9-]+)]$", "$1 $2 $3")).append('\n'));
        return b.toString();
    }

    @Test
    void lineAndNextLineCommentsSilenceExactlyTheirRule() throws IOException {
        Path c = write("client.json", CLIENT.formatted(" // vtool-disable-line open-proxy -- firewalled LAN", "")
                .replace("    \"settings\": {\"vnext\"",
                        "    # vtool-disable-next-line placeholder-address, legacy-alter-id\n    \"settings\": {\"vnext\""));
        // the next-line comment (line 9) covers line 10 only: legacy-alter-id on line 11 stays
        CliRun r = CliRun.run("lint", c.toString());
        assertEquals("11 warning legacy-alter-id\n", rules(r), r.out());
    }

    @Test
    void nextLineCoversTheLineAfterTheComment() throws IOException {
        Path c = write("client.json", CLIENT.formatted("", "").replace("    \"settings\": {\"vnext\"",
                "    /* vtool-disable-next-line placeholder-address */\n    \"settings\": {\"vnext\""));
        CliRun r = CliRun.run("lint", c.toString());
        assertEquals("5 warning open-proxy\n11 warning legacy-alter-id\n", rules(r), r.out());
    }

    @Test
    void fileWideDisableAndUnusedOrMisspeltSuppressionsAreReported() throws IOException {
        Path c = write("client.json", "// vtool-disable legacy-alter-id\n// vtool-disable open-proxi\n"
                + CLIENT.formatted(" // vtool-disable-line placeholder-address", ""));
        CliRun r = CliRun.run("lint", c.toString());
        assertEquals("""
                2 warning unused-suppression
                7 warning open-proxy
                7 warning unused-suppression
                11 warning placeholder-address
                """, rules(r), r.out());
        assertTrue(r.out().contains("names no rule \"open-proxi\". Did you mean \"open-proxy\"?"), r.out());
        assertTrue(r.out().contains("\"vtool-disable-line placeholder-address\" silences nothing: no "
                + "placeholder-address finding on this line"), r.out());
        assertEquals(0, r.exitCode(), "warnings only");
        assertEquals(1, CliRun.run("lint", "--strict", c.toString()).exitCode());
        assertEquals("7 warning open-proxy\n11 warning placeholder-address\n",
                rules(CliRun.run("lint", "--disable", "unused-suppression", c.toString())));
    }

    @Test
    void projectFileUpwardsDisablesAndChangesSeveritiesAndTheCommandLineAdds() throws IOException {
        write(".vtool.json", """
                {
                  // this team's servers are firewalled; the seed's placeholder is a real error for us
                  "disable": ["open-proxy"],
                  "severity": {"placeholder-address": "error", "legacy-alter-id": "off"}
                }
                """);
        Path c = write("configs/clients/client.json", CLIENT.formatted("", ""));
        CliRun r = CliRun.run("lint", c.toString());
        assertEquals("9 error placeholder-address\n", rules(r), r.out());
        assertEquals(1, r.exitCode(), "a severity raised to error fails lint");
        CliRun more = CliRun.run("lint", "--disable", "placeholder-address,legacy-alter-id", c.toString());
        assertEquals("", rules(more), more.out());
        assertEquals(0, more.exitCode());
        // a config outside the project is not affected
        Path outside = Files.createTempFile("vtool-outside", ".json");
        try {
            Files.writeString(outside, CLIENT.formatted("", ""));
            assertEquals(3, rules(CliRun.run("lint", outside.toString())).lines().count());
        } finally {
            Files.delete(outside);
        }
    }

    @Test
    void mistakesInSettingsAreUsageErrorsWithTheirPosition() throws IOException {
        Path c = write("p/client.json", CLIENT.formatted("", ""));
        write("p/.vtool.json", "{\n  \"disable\": [\"open-proxy\"],\n  \"severity\": {\"legacy-alter-id\": \"fatal\"}\n}\n");
        CliRun bad = CliRun.run("lint", c.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, bad.exitCode());
        assertTrue(bad.err().matches("(?s)vtool lint: .*\\.vtool\\.json:3:\\d+: a severity is \"error\", \"warning\", "
                + "\"info\" or \"off\", not \"fatal\"\n"), bad.err());
        write("p/.vtool.json", "{\"disabled\": [\"open-proxy\"]}");
        assertTrue(CliRun.run("lint", c.toString()).err().contains("unknown key \"disabled\" (.vtool.json knows "
                + "\"disable\" and \"severity\") Did you mean \"disable\"?"));
        write("p/.vtool.json", "{\"disable\": [\"open-prox\"]}");
        assertTrue(CliRun.run("lint", c.toString()).err().contains("unknown rule \"open-prox\" Did you mean \"open-proxy\"?"));
        Files.delete(dir.resolve("p/.vtool.json"));
        CliRun flag = CliRun.run("lint", "--disable", "open-prox", c.toString());
        assertEquals(ExitCodes.USAGE_OR_IO, flag.exitCode());
        assertTrue(flag.err().contains("--disable open-prox: no such rule. Did you mean \"open-proxy\"?"), flag.err());
        assertFalse(flag.err().contains("at dev.vtool"), flag.err());
    }
}
