package dev.vtool.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.protocol.freedom.FreedomSettings;
import dev.vtool.schema.source.SourceFile;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** vtool's own hardening keys: policy.limits and freedom's allowPrivate; read by the model, quiet in lint. */
class LimitsConfigTest {
    private static final String WITH_LIMITS = """
            {"policy": {"levels": {"0": {"handshake": 4}},
                        "limits": {"maxConnections": 100, "maxConnectionsPerSource": 10, "httpMaxHeaderSize": 4096,
                                   "udpMaxSessions": 50, "udpMaxSessionsPerSource": 5, "udpSessionIdle": 7}},
             "inbounds": [{"listen": "127.0.0.1", "port": 1080, "protocol": "socks"}],
             "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
            """;

    private static Config build(String json) throws ConfigModelException {
        return new ConfigModelBuilder().build(new ConfigReader().read(new SourceFile("t.json", json)).document());
    }

    @Test
    void limitsAndAllowPrivateAreReadIntoTheModel() throws Exception {
        Config c = build(WITH_LIMITS);
        assertEquals(new Limits(100, 10, 4096, 50, 5, Duration.ofSeconds(7)), c.policy().limits());
        assertTrue(((FreedomSettings) c.outbounds().get(0).settings()).allowPrivate());
    }

    @Test
    void defaultsAreGenerousAndTheHandshakeDeadlineIsSixtySeconds() throws Exception {
        Config c = build("""
                {"inbounds": [{"port": 1080, "protocol": "socks"}], "outbounds": [{"protocol": "freedom"}]}
                """);
        assertEquals(Limits.DEFAULT, c.policy().limits());
        assertEquals(Duration.ofSeconds(60), c.policy().forLevel(0).handshake());
        assertEquals(512 * 1024, c.policy().forLevel(0).bufferSize());
        assertTrue(!((FreedomSettings) c.outbounds().get(0).settings()).allowPrivate());
    }

    @Test
    void aLimitOutOfRangeIsRefusedByName() {
        ConfigModelException e = assertThrows(ConfigModelException.class, () -> build("""
                {"policy": {"limits": {"maxConnections": 0}},
                 "inbounds": [{"port": 1080, "protocol": "socks"}], "outbounds": [{"protocol": "freedom"}]}
                """));
        assertTrue(e.getMessage().contains("maxConnections"), e.getMessage());
    }

    @Test
    void lintIsQuietAboutTheExtensionKeys() {
        var findings = new Linter().lint(new SourceFile("t.json", WITH_LIMITS)).findings();
        assertTrue(findings.stream().noneMatch(f -> f.message().contains("limits") || f.message().contains("allowPrivate")
                || f.message().contains("udpSessionIdle")), findings.toString());
    }
}
