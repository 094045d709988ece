package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import dev.vtool.schema.transport.tls.TlsCertificate;
import dev.vtool.schema.transport.tls.TlsMaterial;
import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `vtool cert`: certificates that load, match their key, chain to their CA, and paste into a config V2Ray runs. */
class CertCommandTest {
    @TempDir
    Path dir;

    private static List<String> lines(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private TlsMaterial load(CliRun run) throws Exception {
        assertEquals(0, run.exitCode(), run.err());
        JsonNode json = JsonMapper.shared().readTree(run.out());
        return TlsMaterial.load(new TlsCertificate("", lines(json.get("certificate")), "", lines(json.get("key")),
                "encipherment", null), true); // throws if the key does not match the certificate
    }

    @Test
    void selfSignedLeafHasTheNamesValidityAndAMatchingKey() throws Exception {
        TlsMaterial m = load(CliRun.run("cert", "--domain", "a.example", "--domain", "b.example", "--expire", "48h"));
        X509Certificate c = m.chain().get(0);
        assertEquals(-1, c.getBasicConstraints(), "not a CA");
        List<String> names = c.getSubjectAlternativeNames().stream().map(n -> (String) n.get(1)).toList();
        assertEquals(List.of("a.example", "b.example"), names);
        assertTrue(c.getSubjectX500Principal().getName().contains("CN=a.example"), c.getSubjectX500Principal().getName());
        long hours = Duration.between(c.getNotBefore().toInstant(), c.getNotAfter().toInstant()).toHours();
        assertEquals(49, hours, "one hour back-dated, as 4.34 does, plus 48 h");
        assertEquals("EC", c.getPublicKey().getAlgorithm());
        c.verify(c.getPublicKey());
    }

    @Test
    void caSignsALeafThatOpensslVerifies() throws Exception {
        CliRun ca = CliRun.run("cert", "--ca", "--name", "Test CA", "--file", dir.resolve("ca").toString(), "--no-json");
        assertEquals(0, ca.exitCode(), ca.err());
        assertEquals("", ca.out());
        assertEquals("rw-------", java.nio.file.attribute.PosixFilePermissions.toString(
                Files.getPosixFilePermissions(dir.resolve("ca_key.pem"))));
        TlsMaterial caMaterial = TlsMaterial.load(new TlsCertificate(dir.resolve("ca_cert.pem").toString(), List.of(),
                dir.resolve("ca_key.pem").toString(), List.of(), "issue", null), true);
        X509Certificate caCert = caMaterial.chain().get(0);
        assertTrue(caCert.getBasicConstraints() >= 0, "a CA");
        assertTrue(caCert.getKeyUsage()[5], "keyCertSign");

        CliRun leafRun = CliRun.run("cert", "--issuer-cert", dir.resolve("ca_cert.pem").toString(), "--issuer-key",
                dir.resolve("ca_key.pem").toString(), "--domain", "proxy.test", "--file", dir.resolve("leaf").toString());
        X509Certificate leaf = load(leafRun).chain().get(0);
        leaf.verify(caCert.getPublicKey());
        assertEquals(caCert.getSubjectX500Principal(), leaf.getIssuerX500Principal());
        Path openssl = Path.of("/usr/bin/openssl");
        if (Files.isExecutable(openssl)) {
            Process p = new ProcessBuilder(openssl.toString(), "verify", "-CAfile", dir.resolve("ca_cert.pem").toString(),
                    "-purpose", "sslserver", dir.resolve("leaf_cert.pem").toString()).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes());
            assertTrue(p.waitFor(20, TimeUnit.SECONDS));
            assertEquals(0, p.exitValue(), out);
        }
    }

    @Test
    void theJsonPastesIntoAConfigThatV2rayAndRunTestAccept() throws Exception {
        CliRun run = CliRun.run("cert", "--domain", "proxy.test");
        assertEquals(0, run.exitCode(), run.err());
        JsonNode pasted = JsonMapper.shared().readTree(run.out());
        String config = "{\"inbounds\": [{\"listen\": \"127.0.0.1\", \"port\": 10443, \"protocol\": \"vmess\",\n"
                + " \"settings\": {\"clients\": [{\"id\": \"b831381d-6324-4d53-ad4f-8cda48b30811\"}]},\n"
                + " \"streamSettings\": {\"security\": \"tls\", \"tlsSettings\": {\"certificates\": [" + pasted + "]}}}],\n"
                + " \"outbounds\": [{\"protocol\": \"freedom\"}]}\n";
        Path file = dir.resolve("server.json");
        Files.writeString(file, config);
        CliRun test = CliRun.run("run", "-test", "-c", file.toString());
        assertEquals(0, test.exitCode(), test.out() + test.err());
        if (V2rayBinary.find() != null || "true".equals(System.getenv("CI"))) {
            V2rayBinary.TestRun v2ray = V2rayBinary.test(file);
            assertTrue(v2ray.accepted(), v2ray.output());
        }
    }

    @Test
    void badOptionsAreUsageErrorsWithAReason() {
        CliRun half = CliRun.run("cert", "--issuer-cert", "x.pem");
        assertEquals(ExitCodes.USAGE_OR_IO, half.exitCode());
        assertTrue(half.err().contains("go together"), half.err());
        CliRun missing = CliRun.run("cert", "--issuer-cert", dir.resolve("no.pem").toString(), "--issuer-key",
                dir.resolve("no.key").toString());
        assertEquals(ExitCodes.USAGE_OR_IO, missing.exitCode());
        assertTrue(missing.err().contains("no such file"), missing.err());
        CliRun expire = CliRun.run("cert", "--expire", "10 days");
        assertEquals(ExitCodes.USAGE_OR_IO, expire.exitCode());
        assertTrue(expire.err().contains("not a duration"), expire.err());
    }

    @Test
    void durationsReadAsGoWritesThem() {
        assertEquals(Duration.ofHours(240), CertCommand.duration("240h"));
        assertEquals(Duration.ofMinutes(90), CertCommand.duration("1h30m"));
        assertEquals(Duration.ofDays(90), CertCommand.duration("90d"));
        assertEquals(Duration.ofMillis(1500), CertCommand.duration("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> CertCommand.duration("0h"));
        assertThrows(IllegalArgumentException.class, () -> CertCommand.duration("h"));
    }
}
