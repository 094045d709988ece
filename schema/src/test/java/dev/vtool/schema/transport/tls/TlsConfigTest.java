package dev.vtool.schema.transport.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.transport.StreamSettings;
import dev.vtool.schema.transport.StreamSettingsParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code tlsSettings}: every certificate entry is loaded and checked while the config is read. */
class TlsConfigTest {
    private static final Path DIR = Path.of("src/test/resources/tls").toAbsolutePath();
    private final List<String> refusals = new ArrayList<>();

    private TlsSettings parse(String tlsSettings) throws ConfigModelException {
        String json = "{\"inbounds\": [{\"streamSettings\": {\"security\": \"tls\", \"tlsSettings\": "
                + tlsSettings + "}}]}";
        ConfigDocument d = new ConfigReader().read(new SourceFile("c.json", json)).document();
        ConfigNode in = ConfigNode.root(d).array("inbounds").get(0);
        StreamSettings s = new StreamSettingsParser(null).parse(in, e -> refusals.add(e.describe()));
        return (TlsSettings) s.security();
    }

    private String error(String tlsSettings) {
        return assertThrows(ConfigModelException.class, () -> parse(tlsSettings)).describe();
    }

    private static String file(String name) {
        return DIR.resolve(name).toString();
    }

    private static String entry(String cert, String key) {
        return "{\"certificates\": [{\"certificateFile\": \"" + file(cert) + "\", \"keyFile\": \"" + file(key) + "\"}]}";
    }

    @Test
    void pairsInEveryKeyFormGoReadsLoad() throws Exception {
        for (String[] pair : new String[][] {{"ec.crt", "ec-sec1.key"}, {"rsa.crt", "rsa-pkcs1.key"},
                {"rsa.crt", "rsa-pkcs8.key"}}) {
            TlsSettings s = parse(entry(pair[0], pair[1]));
            TlsMaterial m = TlsMaterial.load(s.certificates().get(0), true);
            assertNotNull(m.key(), pair[1]);
            assertEquals(1, m.chain().size());
        }
        assertTrue(refusals.isEmpty(), refusals.toString());
    }

    @Test
    void inlinePemLinesAreJoinedWithNewlines() throws Exception {
        List<String> cert = Files.readAllLines(DIR.resolve("ec.crt"));
        List<String> key = Files.readAllLines(DIR.resolve("ec-sec1.key"));
        String json = "{\"certificates\": [{\"certificate\": " + jsonArray(cert) + ", \"key\": " + jsonArray(key) + "}]}";
        TlsMaterial m = TlsMaterial.load(parse(json).certificates().get(0), true);
        assertEquals("CN=ec.test", m.chain().get(0).getSubjectX500Principal().getName());
    }

    @Test
    void aMissingFileIsAnErrorAtItsKey() {
        String e = error("{\"certificates\": [{\"certificateFile\": \"/nonexistent/x.crt\", \"keyFile\": \"k\"}]}");
        assertEquals("c.json:1:107: Failed to build TLS config. > failed to parse certificate > open /nonexistent/x.crt: "
                + "no such file or directory", e);
    }

    @Test
    void aKeyOfAnotherCertificateIsAnErrorAtTheKey() {
        String e = error(entry("ec.crt", "rsa-pkcs8.key"));
        assertTrue(e.contains("tls: private key does not match public key of certificate CN=ec.test"), e);
        String json = "{\"inbounds\": [{\"streamSettings\": {\"security\": \"tls\", \"tlsSettings\": "
                + entry("ec.crt", "rsa-pkcs8.key");
        int keyColumn = json.indexOf("\"keyFile\": ") + 12;
        assertTrue(e.startsWith("c.json:1:" + keyColumn + ":"), e);
    }

    @Test
    void anExpiredCertificateIsAnError() {
        String e = error(entry("expired.crt", "ec-sec1.key"));
        assertTrue(e.contains("certificate CN=old.test expired on 2021-01-01T00:00:00Z"), e);
    }

    @Test
    void garbageIsNotACertificate() {
        String e = error("{\"certificates\": [{\"certificate\": [\"not pem\"], \"key\": [\"x\"]}]}");
        assertTrue(e.endsWith("tls: failed to find any PEM data in certificate input"), e);
    }

    @Test
    void aVerifyEntryNeedsNoKeyButAnIssuingCaDoes() throws Exception {
        TlsSettings s = parse("{\"certificates\": [{\"certificateFile\": \"" + file("ec.crt") + "\", \"usage\": \"verify\"},"
                + "{\"certificateFile\": \"" + file("ca.crt") + "\", \"keyFile\": \"" + file("ca.key")
                + "\", \"usage\": \"issue\"}]}");
        assertEquals("verify", s.certificates().get(0).usage());
        assertEquals("issue", s.certificates().get(1).usage());
        assertTrue(refusals.isEmpty(), refusals.toString());
        String e = error("{\"certificates\": [{\"certificateFile\": \"" + file("ca.crt") + "\", \"usage\": \"issue\"}]}");
        assertTrue(e.endsWith("failed to parse key > both file and bytes are empty."), e);
    }

    private static String jsonArray(List<String> lines) {
        StringBuilder b = new StringBuilder("[");
        for (String l : lines) {
            b.append(b.length() > 1 ? "," : "").append('"').append(l).append('"');
        }
        return b.append(']').toString();
    }
}
