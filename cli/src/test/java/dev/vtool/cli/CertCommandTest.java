package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * `vtool cert` as `v2ctl cert`: JSON whose lines paste into {@code certificates}, a leaf for the given names
 * valid for {@code --expire}, or a CA; the pair runs in vtool and passes the real v2ray's -test.
 */
class CertCommandTest {
    @TempDir
    Path dir;

    private static X509Certificate certificate(JsonNode json) throws Exception {
        StringBuilder pem = new StringBuilder();
        json.get("certificate").forEach(l -> pem.append(l.asString()).append('\n'));
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(pem.toString().getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void aLeafForTheDomainsValidForExpire() throws Exception {
        CliRun r = CliRun.run("cert", "--domain", "vtool.test", "-domain", "www.vtool.test", "--expire", "240h");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("-----BEGIN PRIVATE KEY-----", json.get("key").get(0).asString());
        X509Certificate c = certificate(json);
        assertEquals(-1, c.getBasicConstraints(), "not a CA");
        assertEquals(List.of("vtool.test", "www.vtool.test"),
                c.getSubjectAlternativeNames().stream().map(n -> (String) n.get(1)).toList());
        assertTrue(c.getSubjectX500Principal().getName().contains("CN=V2Ray Inc"), c.getSubjectX500Principal().getName());
        long validity = c.getNotAfter().getTime() - c.getNotBefore().getTime();
        assertEquals(Duration.ofHours(241).toMinutes(), Duration.ofMillis(validity).toMinutes(), 1);
        assertEquals("SHA256withECDSA", c.getSigAlgName());
        c.verify(c.getPublicKey()); // self-signed

        // pasted into a server config, vtool runs it and v2ray 4.34 accepts it
        Path cfg = dir.resolve("server.json");
        Files.writeString(cfg, """
                {"inbounds": [{"listen": "127.0.0.1", "port": 10443, "protocol": "vmess",
                  "settings": {"clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811"}]},
                  "streamSettings": {"security": "tls", "tlsSettings": {"certificates": [%s]}}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(r.out()));
        CliRun test = CliRun.run("run", "-test", "-c", cfg.toString());
        assertEquals(0, test.exitCode(), test.out() + test.err());
        if (V2rayBinary.find() != null) {
            assertTrue(V2rayBinary.test(cfg).accepted(), V2rayBinary.test(cfg).output());
        }
    }

    @Test
    void aCaAndFiles() throws Exception {
        String prefix = dir.resolve("ca").toString();
        CliRun r = CliRun.run("cert", "--ca", "--expire", "1h30m", "--json=false", "--file", prefix);
        assertEquals(0, r.exitCode(), r.err());
        assertEquals("", r.out());
        X509Certificate c = (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(Path.of(prefix + "_cert.pem")));
        assertTrue(c.getBasicConstraints() >= 0, "a CA");
        assertTrue(c.getKeyUsage()[5], "keyCertSign");
        assertTrue(Files.readString(Path.of(prefix + "_key.pem")).startsWith("-----BEGIN PRIVATE KEY-----\n"));
    }

    @Test
    void aBadDurationIsAClearError() {
        CliRun r = CliRun.run("cert", "--expire", "10 days");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("invalid value \"10 days\" for --expire"), r.err());
        assertEquals(Duration.ofMinutes(90), CertCommand.goDuration("1.5h"));
        assertEquals(Duration.ofMillis(1500), CertCommand.goDuration("1s500ms"));
    }
}
