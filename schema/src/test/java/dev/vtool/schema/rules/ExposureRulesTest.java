package dev.vtool.schema.rules;

import static dev.vtool.schema.rules.RuleTester.CLIENT_IN;
import static dev.vtool.schema.rules.RuleTester.FREEDOM_OUT;
import static dev.vtool.schema.rules.RuleTester.UUID;
import static dev.vtool.schema.rules.RuleTester.config;
import static dev.vtool.schema.rules.RuleTester.none;
import static dev.vtool.schema.rules.RuleTester.run;
import static dev.vtool.schema.rules.RuleTester.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Open proxies, placeholders, TLS certificates, the freedom allowPrivate note. */
class ExposureRulesTest {
    @Test
    void socksWithoutAuthOnAllInterfacesIsAnOpenProxy() {
        Finding f = single(new OpenProxyRule(), config("[{\"port\": 1080, \"protocol\": \"socks\"}]", FREEDOM_OUT));
        assertTrue(f.message().contains("open proxy") && f.message().contains("all interfaces"), f.message());
        none(new OpenProxyRule(), config(CLIENT_IN, FREEDOM_OUT));
        none(new OpenProxyRule(), config("[{\"port\": 1080, \"protocol\": \"socks\", \"settings\": "
                + "{\"auth\": \"password\", \"accounts\": [{\"user\": \"u\", \"pass\": \"p\"}]}}]", FREEDOM_OUT));
    }

    @Test
    void capitalisedPasswordAuthIsCalledOut() {
        Finding f = single(new OpenProxyRule(), config("[{\"listen\": \"0.0.0.0\", \"port\": 1080, \"protocol\": \"socks\", "
                + "\"settings\": {\"auth\": \"Password\", \"accounts\": [{\"user\": \"u\", \"pass\": \"p\"}]}}]", FREEDOM_OUT));
        assertTrue(f.message().contains("case-sensitively") && f.message().contains("OPEN PROXY"), f.message());
        assertEquals("write \"auth\": \"password\" (lower case)", f.fix());
        Finding local = single(new OpenProxyRule(), config("[{\"listen\": \"127.0.0.1\", \"port\": 1080, \"protocol\": \"socks\", "
                + "\"settings\": {\"auth\": \"PASSWORD\"}}]", FREEDOM_OUT));
        assertTrue(local.message().contains("accounts are ignored") && !local.message().contains("OPEN"), local.message());
    }

    @Test
    void httpWithoutAccounts() {
        single(new OpenProxyRule(), config("[{\"listen\": \"::\", \"port\": 8080, \"protocol\": \"http\"}]", FREEDOM_OUT));
        none(new OpenProxyRule(), config("[{\"listen\": \"::1\", \"port\": 8080, \"protocol\": \"http\"}]", FREEDOM_OUT));
    }

    @Test
    void placeholders() {
        Finding f = single(new PlaceholderAddressRule(), config(CLIENT_IN, "[{\"protocol\": \"vmess\", \"settings\": {\"vnext\": "
                + "[{\"address\": \"YOUR_SERVER_IP\", \"port\": 1, \"users\": [{\"id\": \"" + UUID + "\"}]}]}}]"));
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.fix().contains("your server's IP address"), f.fix());
        none(new PlaceholderAddressRule(), config(CLIENT_IN, RuleTester.vmessOut("{\"id\": \"" + UUID + "\"}")));
        assertTrue(Addresses.isPlaceholder("cdn.example.com"));
        assertTrue(!Addresses.isPlaceholder("example.community.org"));
    }

    @Test
    void tlsInboundWithoutCertificatesIsAWarning() {
        Finding f = single(new TlsCertificateRule(), config("[{\"port\": 443, \"protocol\": \"trojan\", "
                + "\"streamSettings\": {\"security\": \"tls\"}}]", FREEDOM_OUT));
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("tls: no certificates configured"), f.message());
        // without security: tls, 4.34 never reads tlsSettings
        none(new TlsCertificateRule(), config("[{\"port\": 443, \"protocol\": \"trojan\", \"streamSettings\": "
                + "{\"tlsSettings\": {\"certificates\": [{}]}}}]", FREEDOM_OUT));
    }

    @Test
    void missingOrEmptyCertificatesAreErrors(@TempDir Path dir) throws Exception {
        Path cert = Files.writeString(dir.resolve("c.pem"), "x");
        String ok = cert.toString();
        Finding missing = single(new TlsCertificateRule(), config("[{\"port\": 443, \"protocol\": \"trojan\", \"streamSettings\": "
                + "{\"security\": \"tls\", \"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"" + ok
                + "\", \"keyFile\": \"" + dir.resolve("nope.pem") + "\"}]}}}]", FREEDOM_OUT));
        assertEquals(Severity.ERROR, missing.severity());
        assertTrue(missing.message().contains("failed to parse key > open "), missing.message());
        Finding empty = single(new TlsCertificateRule(), config("[{\"port\": 443, \"protocol\": \"trojan\", \"streamSettings\": "
                + "{\"security\": \"tls\", \"tlsSettings\": {\"certificates\": [{\"usage\": \"verify\"}]}}}]", FREEDOM_OUT));
        assertTrue(empty.message().contains("both file and bytes are empty."), empty.message());
        none(new TlsCertificateRule(), config("[{\"port\": 443, \"protocol\": \"trojan\", \"streamSettings\": "
                + "{\"security\": \"tls\", \"tlsSettings\": {\"certificates\": [{\"certificate\": [\"PEM\"], \"key\": [\"PEM\"]}]}}}]",
                FREEDOM_OUT));
    }

    @Test
    void freedomAllowPrivateNoteOnlyOnServers() {
        String server = config(RuleTester.vmessIn("{\"id\": \"" + UUID + "\"}"), FREEDOM_OUT);
        Finding f = single(new FreedomAllowPrivateRule(), server);
        assertEquals(Severity.INFO, f.severity());
        assertTrue(f.message().contains("\"allowPrivate\": true") && f.message().contains("V2Ray itself ignores"), f.message());
        none(new FreedomAllowPrivateRule(), config(CLIENT_IN, FREEDOM_OUT));
        none(new FreedomAllowPrivateRule(), config(RuleTester.vmessIn("{\"id\": \"" + UUID + "\"}"),
                "[{\"protocol\": \"freedom\", \"settings\": {\"allowPrivate\": true}}]"));
        // a freedom outbound that nothing routes to is not used
        assertEquals(1, run(new FreedomAllowPrivateRule(), config(RuleTester.vmessIn("{\"id\": \"" + UUID + "\"}"),
                "[{\"protocol\": \"freedom\"}, {\"protocol\": \"freedom\", \"tag\": \"unused\"}]")).size());
    }

    @Test
    void geoAssetsErrorWhenAbsentAndNoteWhenPresent(@TempDir Path dir) throws Exception {
        String json = "{\"routing\": {\"rules\": [{\"type\": \"field\", \"ip\": [\"geoip:cn\"], \"outboundTag\": \"d\"},"
                + "{\"type\": \"field\", \"domain\": \"geosite:cn,full:a.example\", \"outboundTag\": \"d\"}]},"
                + "\"dns\": {\"hosts\": {\"geosite:ads\": \"127.0.0.1\"}}}";
        GeoAssets empty = GeoAssets.of(k -> k.equals("V2RAY_LOCATION_ASSET") ? dir.toString() : null, null);
        var errors = run(new GeoAssetRule(empty), json);
        assertEquals(3, errors.size(), errors.toString());
        assertTrue(errors.stream().allMatch(f -> f.severity() == Severity.ERROR));
        assertTrue(errors.get(0).message().contains("failed to load geoip: cn > failed to open file: geoip.dat"),
                errors.get(0).message());
        Files.writeString(dir.resolve("geoip.dat"), "");
        Files.writeString(dir.resolve("geosite.dat"), "");
        var notes = run(new GeoAssetRule(new GeoAssets(java.util.List.of(dir))), json);
        assertEquals(2, notes.size(), "one note per file: " + notes);
        assertTrue(notes.stream().allMatch(f -> f.severity() == Severity.INFO));
        assertNull(notes.get(0).fix());
    }

    @Test
    void relativeCertificatePathsAreLookedUpNearTheConfig(@TempDir Path dir) throws Exception {
        Files.createDirectories(dir.resolve("certs"));
        Files.writeString(dir.resolve("certs/c.pem"), "x");
        Path config = Files.createDirectories(dir.resolve("conf")).resolve("server.json");
        String json = config("[{\"port\": 443, \"protocol\": \"trojan\", \"streamSettings\": {\"security\": \"tls\", "
                + "\"tlsSettings\": {\"certificates\": [{\"certificateFile\": \"certs/%s\"}]}}}]", FREEDOM_OUT);
        Files.writeString(config, json.formatted("c.pem"));
        TlsCertificateRule rule = new TlsCertificateRule();
        var lint = new dev.vtool.schema.lint.Linter(java.util.List.of(rule));
        assertEquals(java.util.List.of(), lint.lint(dev.vtool.schema.source.SourceFile.read(config)).findings());
        Files.writeString(config, json.formatted("other.pem"));
        var missing = lint.lint(dev.vtool.schema.source.SourceFile.read(config)).findings();
        assertEquals(1, missing.size(), missing.toString());
        assertEquals(Severity.WARNING, missing.get(0).severity());
        assertEquals("use an absolute path", missing.get(0).fix());
    }
}
