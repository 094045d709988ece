package dev.vtool.schema.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import dev.vtool.schema.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ss:// links: SIP002 (Base64url or percent-encoded user info) and the legacy all-Base64 form, both ways. */
class ShadowsocksLinkTest {
    private static String b64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void sip002WithBase64UserInfo() throws Exception {
        // SIP002's own example
        ShadowsocksLink l = ShadowsocksLink.decode("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1");
        assertEquals(new ShadowsocksLink(ShadowsocksMethod.AES_128_GCM, "test", "192.168.100.1", 8888, "Example1"), l);
        assertEquals("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1", l.encode());
    }

    @Test
    void sip002WithPercentEncodedUserInfoAndIpv6() throws Exception {
        ShadowsocksLink l = ShadowsocksLink.decode("ss://chacha20-ietf-poly1305:p%40ss%3Aword@[2001:db8::1]:8388/?#My%20Server");
        assertEquals(ShadowsocksMethod.CHACHA20_POLY1305, l.method());
        assertEquals("p@ss:word", l.password());
        assertEquals("2001:db8::1", l.host());
        assertEquals(8388, l.port());
        assertEquals("My Server", l.name());
        ShadowsocksLink back = ShadowsocksLink.decode(l.encode());
        assertEquals(l, back);
        assertTrue(l.encode().contains("@[2001:db8::1]:8388#My%20Server"), l.encode());
    }

    @Test
    void legacyForm() throws Exception {
        ShadowsocksLink l = ShadowsocksLink.decode("ss://" + b64("aes-256-gcm:pa@ss@example.com:443") + "#old");
        assertEquals(new ShadowsocksLink(ShadowsocksMethod.AES_256_GCM, "pa@ss", "example.com", 443, "old"), l);
        // padding removed and URL-safe alphabet: still read
        String unpadded = b64("none:x@h:1").replace("=", "").replace('+', '-').replace('/', '_');
        assertEquals(ShadowsocksMethod.NONE, ShadowsocksLink.decode("ss://" + unpadded).method());
    }

    @Test
    void whatV2ray434CannotRunIsRefusedWithTheReason() {
        assertTrue(assertThrows(LinkFormatException.class, () -> ShadowsocksLink.decode(
                "ss://" + b64("aes-256-cfb:x") + "@h:1")).getMessage().contains("aes-256-cfb"));
        assertTrue(assertThrows(LinkFormatException.class, () -> ShadowsocksLink.decode(
                "ss://YWVzLTEyOC1nY206dGVzdA@h:1/?plugin=obfs-local%3Bobfs%3Dhttp")).getMessage().contains("obfs-local"));
        assertTrue(assertThrows(LinkFormatException.class, () -> ShadowsocksLink.decode("ss://" + b64("aes-128-gcm:") + "@h:1"))
                .getMessage().contains("no password"));
        assertTrue(assertThrows(LinkFormatException.class, () -> ShadowsocksLink.decode("ss://YWVzLTEyOC1nY206dGVzdA@h:99999"))
                .getMessage().contains("port"));
        assertThrows(LinkFormatException.class, () -> ShadowsocksLink.decode("ss://!!!"));
        assertThrows(LinkFormatException.class, () -> ShadowsocksLink.decode("vmess://abc"));
    }

    @Test
    void importedConfigLintsCleanAndExportsTheSameLink() throws Exception {
        for (String link : List.of("ss://YWVzLTEyOC1nY206dGVzdA@192.168.100.1:8888#Example1",
                "ss://Y2hhY2hhMjAtaWV0Zi1wb2x5MTMwNTpzM2NyM3Q@[::1]:8388#v6",
                "ss://" + b64("aes-256-gcm:a \"quoted\" pass\nword@proxy.my-vpn.net:443") + "#evil%0A%22inbounds%22")) {
            ShadowsocksLink l = ShadowsocksLink.decode(link);
            String config = ShadowsocksClientConfigWriter.write(l, 1080, 1081);
            var doc = new ConfigReader().read(new SourceFile("imported.json", config)).document();
            LintResult lint = new Linter().lint(new SourceFile("imported.json", config));
            assertEquals(List.of(), lint.findings().stream()
                    .filter(f -> f.severity() != dev.vtool.schema.finding.Severity.INFO).toList(), config);
            List<ShadowsocksLinks.Entry> back = ShadowsocksLinks.of(doc, null);
            assertEquals(1, back.size());
            // the imported outbound is tagged "proxy", so the exported name is host:port
            assertEquals(new ShadowsocksLink(l.method(), l.password(), l.host(), l.port(), l.host() + ":" + l.port()),
                    back.get(0).link());
        }
    }

    @Test
    void serverInboundsNeedAnAddress() throws Exception {
        String server = """
                {"inbounds": [{"port": 8388, "protocol": "shadowsocks", "settings": {"method": "chacha20-poly1305", "password": "pw"}},
                              {"listen": "10.0.0.5", "port": 8389, "tag": "second", "protocol": "shadowsocks",
                               "settings": {"method": "aes-128-gcm", "password": "pw2"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """;
        var doc = new ConfigReader().read(new SourceFile("server.json", server)).document();
        List<ShadowsocksLinks.Entry> without = ShadowsocksLinks.of(doc, null);
        assertTrue(without.get(0).problem().contains("--address"), without.get(0).problem());
        assertEquals("ss://YWVzLTEyOC1nY206cHcy@10.0.0.5:8389#second", without.get(1).link().encode());
        List<ShadowsocksLinks.Entry> with = ShadowsocksLinks.of(doc, "vpn.example.org");
        assertEquals("ss://Y2hhY2hhMjAtaWV0Zi1wb2x5MTMwNTpwdw@vpn.example.org:8388#vpn.example.org%3A8388",
                with.get(0).link().encode());
        assertEquals("vpn.example.org", with.get(1).link().host());
    }
}
