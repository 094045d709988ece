package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LinkCommandTest {
    private static final Path PAIRS = V2rayBinary.repoRoot().resolve("testdata/pairs");

    @Test
    void configToLinkToConfigKeepsTheFields(@TempDir Path dir) throws Exception {
        String config = PAIRS.resolve("ws-tls-ok/client.json").toString();
        CliRun r = CliRun.run("link", config);
        assertEquals(0, r.exitCode(), r.err());
        String link = r.out().strip();
        assertTrue(link.startsWith("vmess://"), link);

        Path imported = dir.resolve("imported.json");
        CliRun imp = CliRun.run("link", "--import", link, "-o", imported.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        assertEquals(link, CliRun.run("link", imported.toString()).out().strip(), "same link after the round trip");

        // The imported client still pairs with the original server (same id, transport, path, TLS name).
        CliRun pair = CliRun.run("pair", imported.toString(), PAIRS.resolve("ws-tls-ok/server.json").toString());
        assertTrue(pair.out().contains("OK: "), pair.out());
        assertEquals(0, pair.exitCode(), pair.out());

        // No silent overwrite.
        CliRun again = CliRun.run("link", "--import", link, "-o", imported.toString());
        assertEquals(2, again.exitCode());
        assertTrue(again.err().contains("already exists"), again.err());
        assertEquals(0, CliRun.run("link", "--import", link, "-o", imported.toString(), "--force").exitCode());
    }

    @Test
    void importToStdoutAndFromStdin() {
        String link = CliRun.run("link", PAIRS.resolve("seed/client.json").toString()).out().strip();
        CliRun r = CliRun.withStdin(link + "\n", "link", "--import", "-");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"alterId\": 64"), r.out());
        assertTrue(r.out().contains("\"address\": \"serveraddr.com\""), r.out());
        assertTrue(r.out().contains("// "), "the config is commented");
    }

    @Test
    void qrAndErrors(@TempDir Path dir) throws Exception {
        CliRun qr = CliRun.run("link", "--qr", PAIRS.resolve("aead/client.json").toString());
        assertEquals(0, qr.exitCode());
        assertTrue(qr.out().contains("█") && qr.out().contains("▀"), qr.out());
        CliRun bad = CliRun.run("link", "--import", "vmess://not base64!");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("not Base64"), bad.err());
        Path noVmess = dir.resolve("c.json");
        Files.writeString(noVmess, "{\"outbounds\":[{\"protocol\":\"freedom\"}]}");
        CliRun none = CliRun.run("link", noVmess.toString());
        assertEquals(1, none.exitCode());
        assertTrue(none.err().contains("no vmess outbound"), none.err());
        assertEquals(2, CliRun.run("link").exitCode());
    }

    @Test
    void aNameWithLineBreaksCannotSmuggleKeysIntoTheImportedConfig(@TempDir Path dir) throws Exception {
        String id = "b831381d-6324-4d53-ad4f-8cda48b30811";
        String smuggled = "\"inbounds\": [{\"port\": 1, \"listen\": \"0.0.0.0\", \"protocol\": \"socks\"}],";
        String[] breaks = {"\r", "\u000B", "\f", "\u2028", "\u0085", "\r\n", "\n"};
        for (int k = 0; k < breaks.length; k++) {
            String br = breaks[k];
            String json = new tools.jackson.databind.json.JsonMapper().writeValueAsString(java.util.Map.of(
                    "v", "2", "ps", "evil" + br + smuggled + br + "//", "add", "127.0.0.1", "port", "10086", "id", id,
                    "aid", "0", "net", "tcp", "type", "none", "tls", ""));
            String link = "vmess://" + java.util.Base64.getEncoder().encodeToString(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
            Path file = dir.resolve("imported-" + k + ".json");
            CliRun imp = CliRun.run("link", "--import", link, "-o", file.toString());
            assertEquals(0, imp.exitCode(), imp.err());
            String text = Files.readString(file);
            for (char c : new char[] {'\r', '\u000B', '\f', '\u2028', '\u0085'}) {
                assertTrue(text.indexOf(c) < 0, "control character U+" + Integer.toHexString(c) + " written into a comment");
            }
            // vtool reads exactly the two local inbounds the writer meant, and v2ray reads the same file the same way
            dev.vtool.schema.json.ConfigDocument doc = new dev.vtool.schema.json.ConfigReader()
                    .read(new dev.vtool.schema.source.SourceFile(file.toString(), text)).document();
            assertEquals(2, doc.at("/inbounds").size(), text);
            assertEquals("127.0.0.1", doc.at("/inbounds/0/listen").asString());
            assertEquals("127.0.0.1", doc.at("/inbounds/1/listen").asString());
            CliRun lint = CliRun.run("lint", "--color", "never", file.toString());
            assertEquals(0, lint.exitCode(), lint.out());
        }
        // and v2ray reads every written file as a valid config (skipped without v2ray, and in the unit loop)
        for (int k = 0; k < breaks.length; k++) {
            Path file = dir.resolve("imported-" + k + ".json");
            V2rayBinary.TestRun v2ray = V2rayBinary.test(file);
            assertTrue(v2ray.accepted(), v2ray.output());
        }
    }

    @Test
    void shadowsocksServerToLinkToClientThatPairsAndLintsClean(@TempDir Path dir) throws Exception {
        String server = PAIRS.resolve("ss-alias/server.json").toString();
        CliRun noAddress = CliRun.run("link", server);
        assertEquals(1, noAddress.exitCode(), noAddress.err());
        assertTrue(noAddress.err().contains("--address"), noAddress.err());

        CliRun r = CliRun.run("link", server, "--address", "vpn.my-server.net");
        assertEquals(0, r.exitCode(), r.err());
        String link = r.out().strip();
        assertEquals("ss://YWVzLTEyOC1nY206cHc@vpn.my-server.net:8388#vpn.my-server.net%3A8388", link);

        Path imported = dir.resolve("ss-client.json");
        CliRun imp = CliRun.run("link", "--import", link, "-o", imported.toString());
        assertEquals(0, imp.exitCode(), imp.err());
        assertEquals(link, CliRun.run("link", imported.toString()).out().strip(), "same link from the client config");
        CliRun lint = CliRun.run("lint", imported.toString());
        assertEquals(0, lint.exitCode(), lint.out());
        assertTrue(lint.out().contains("no problems found"), lint.out());
        CliRun pair = CliRun.run("pair", imported.toString(), server);
        assertEquals(0, pair.exitCode(), pair.out());
        assertTrue(pair.out().contains("OK: "), pair.out());
    }

    @Test
    void legacyAndPercentEncodedSsLinksImport() {
        String legacy = "ss://" + java.util.Base64.getEncoder().encodeToString(
                "chacha20-ietf-poly1305:s3cr3t@203.0.113.7:8388".getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "#home";
        CliRun r = CliRun.run("link", "--import", legacy, "--http-port", "0");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("\"method\": \"chacha20-poly1305\""), r.out());
        assertTrue(r.out().contains("\"address\": \"203.0.113.7\""), r.out());
        assertTrue(!r.out().contains("\"protocol\": \"http\""), r.out());
        CliRun plugin = CliRun.run("link", "--import", "ss://YWVzLTEyOC1nY206dGVzdA@h.example.net:1/?plugin=v2ray-plugin");
        assertEquals(2, plugin.exitCode());
        assertTrue(plugin.err().contains("v2ray-plugin"), plugin.err());
    }

    @Test
    void trojanAndVlessServersToLinksToClientsThatPairAndLintClean(@TempDir Path dir) throws Exception {
        for (String pair : new String[] {"trojan-password", "vless-fallback-ws"}) {
            String server = PAIRS.resolve(pair + "/server.json").toString();
            CliRun r = CliRun.run("link", server, "--address", "vpn.example.com");
            assertEquals(0, r.exitCode(), r.err());
            String link = r.out().lines().filter(l -> !l.startsWith("#")).findFirst().orElseThrow();
            assertTrue(link.startsWith(pair.startsWith("trojan") ? "trojan://" : "vless://"), link);
            Path imported = dir.resolve(pair + "-client.json");
            CliRun imp = CliRun.run("link", "--import", link, "-o", imported.toString());
            assertEquals(0, imp.exitCode(), imp.err());
            assertEquals(link, CliRun.run("link", imported.toString()).out().strip(), "same link from the client config");
            CliRun lint = CliRun.run("lint", imported.toString());
            assertEquals(0, lint.exitCode(), lint.out());
            CliRun paired = CliRun.run("pair", imported.toString(), server);
            // the certificate is for *.example.com: the name the link carries (the address) is in it
            assertTrue(paired.out().contains("OK: "), paired.out());
            assertTrue(!paired.out().contains("pair-trojan-password") && !paired.out().contains("pair-vless-id"), paired.out());
        }
    }
}
