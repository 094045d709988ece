package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `lint -config/-confdir`: one merged config, findings at the file and line each value came from. */
class LintMergedTest {
    @TempDir
    Path dir;

    private String write(String name, String json) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, json);
        return p.toString();
    }

    private static final String INBOUNDS = """
            {
              "inbounds": [{"tag": "in", "protocol": "socks", "port": 1080, "listen": "127.0.0.1"}]
            }
            """;
    private static final String OUTBOUNDS = """
            {
              "outbounds": [{"tag": "direct", "protocol": "freedom"}]
            }
            """;
    private static final String ROUTING = """
            {
              "routing": {
                "rules": [
                  {"type": "field", "inboundTag": ["in"], "outboundTag": "direct"},
                  {"type": "field", "inboundTag": ["in"], "outboundTag": "nowhere"}
                ]
              }
            }
            """;

    @Test
    void splitConfigHasNoFalseUnknownTagsAndRealOnesPointAtTheirFile() throws Exception {
        String in = write("in.json", INBOUNDS);
        String out = write("out.json", OUTBOUNDS);
        String routing = write("routing.json", ROUTING);
        CliRun merged = CliRun.run("lint", "-config", in, "-config", out, "-config", routing);
        assertEquals(1, merged.out().split("\\[unknown-routing-tag]", -1).length - 1, merged.out());
        assertTrue(merged.out().contains(routing + ":5:62: warning: no outbound has tag \"nowhere\""), merged.out());
        assertTrue(merged.out().contains("known tags: direct"), merged.out());
        assertTrue(merged.out().contains("in 3 files"), merged.out());
        assertEquals(0, merged.exitCode(), merged.out());
        assertEquals(1, CliRun.run("lint", "--strict", "-config", in, "-config", out, "-config", routing).exitCode());
        // bulk lint of the same files one by one still lints each alone, so "direct" is unknown there
        CliRun bulk = CliRun.run("lint", in, out, routing);
        assertTrue(bulk.out().contains("no outbound has tag \"direct\""), bulk.out());
    }

    @Test
    void confdirMergesItsJsonFiles() throws Exception {
        write("conf/1_in.json", INBOUNDS);
        write("conf/2_out.json", OUTBOUNDS);
        write("conf/3_routing.json", ROUTING.replace("nowhere", "direct"));
        write("conf/notes.txt", "not json");
        CliRun r = CliRun.run("lint", "-confdir", dir.resolve("conf").toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("in 3 files"), r.out());
    }

    @Test
    void legacyLayoutGetsOneDeprecationWarningPerKeyWithTheModernSnippet() throws Exception {
        String old = write("old.json", """
                {
                  "port": 1080,
                  "inbound": {"protocol": "socks", "listen": "127.0.0.1"},
                  "outbound": {"protocol": "freedom"},
                  "outboundDetour": [{"protocol": "blackhole", "tag": "block"}]
                }
                """);
        CliRun r = CliRun.run("lint", old);
        assertEquals(0, r.exitCode(), r.out());
        assertTrue(r.out().contains(old + ":2:3: warning: top-level \"port\""), r.out());
        assertTrue(r.out().contains(old + ":3:3: warning: \"inbound\" is the deprecated 4.x layout"), r.out());
        assertTrue(r.out().contains("\"outbounds\": [{\"protocol\": \"freedom\"}, {\"tag\": \"block\", \"protocol\": \"blackhole\"}]"),
                r.out());
        assertTrue(r.out().contains("[deprecated-layout]"), r.out());
    }

    @Test
    void filesAndConfigFlagsDoNotMix() throws Exception {
        String in = write("in.json", INBOUNDS);
        assertEquals(2, CliRun.run("lint", "-config", in, in).exitCode());
    }
}
