package dev.vtool.schema.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.lint.LintResult;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** trojan:// and vless:// links: the forms clients write, refusals, and import → config → export round trips. */
class UriShareLinkTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    @Test
    void trojanGfwPlainForm() throws Exception {
        UriShareLink l = UriShareLink.decode("trojan://p%40ss%20word@example.com:443#my%20server");
        assertEquals("trojan", l.scheme());
        assertEquals("p@ss word", l.secret());
        assertEquals("example.com", l.host());
        assertEquals(443, l.port());
        assertEquals("my server", l.name());
        assertTrue(l.tls(), "a trojan link without security means TLS");
        assertEquals("tcp", l.network());
    }

    @Test
    void vlessWithWsTlsAndIpv6() throws Exception {
        UriShareLink l = UriShareLink.decode("vless://" + ID + "@[2001:db8::1]:8443?encryption=none&security=tls"
                + "&sni=vpn.example.com&type=ws&host=cdn.example.com&path=%2Fray%3Fed%3D2048&flow=xtls-rprx-direct#v6");
        assertEquals("2001:db8::1", l.host());
        assertEquals("ws", l.network());
        assertEquals("/ray?ed=2048", l.param("path"));
        assertEquals("vpn.example.com", l.param("sni"));
        assertEquals("xtls-rprx-direct", l.param("flow"));
        assertTrue(l.encode().startsWith("vless://" + ID + "@[2001:db8::1]:8443?"));
    }

    @Test
    void whatV2ray434CannotRunIsRefusedWithTheReason() {
        assertTrue(assertThrows(LinkFormatException.class, () -> UriShareLink.decode("vless://nope@h.example.net:1"))
                .getMessage().contains("not a UUID"));
        assertTrue(assertThrows(LinkFormatException.class, () -> UriShareLink.decode("vless://" + ID
                + "@h.example.net:1?security=reality")).getMessage().contains("Xray"));
        assertTrue(assertThrows(LinkFormatException.class, () -> UriShareLink.decode("vless://" + ID
                + "@h.example.net:1?type=grpc")).getMessage().contains("grpc"));
        assertTrue(assertThrows(LinkFormatException.class, () -> UriShareLink.decode("trojan://@h.example.net:1"))
                .getMessage().contains("password"));
        assertTrue(assertThrows(LinkFormatException.class, () -> UriShareLink.decode("trojan://pw@h.example.net:0"))
                .getMessage().contains("port"));
    }

    @Test
    void importedConfigLintsCleanAndExportsTheSameLink() throws Exception {
        for (String link : List.of("trojan://secret@vpn.my-server.net:443?security=tls&type=tcp#vpn.my-server.net%3A443",
                "trojan://secret@203.0.113.7:443?type=ws&path=%2Ftj&host=cdn.my-server.net&security=tls&sni=vpn.my-server.net#203.0.113.7%3A443",
                "vless://" + ID + "@vpn.my-server.net:443?encryption=none&type=tcp&security=tls&sni=vpn.my-server.net&alpn=h2%2Chttp%2F1.1#vpn.my-server.net%3A443",
                "vless://" + ID + "@10.0.0.2:8080?encryption=none&type=ws&path=%2Fvl&security=none#10.0.0.2%3A8080",
                "vless://" + ID + "@vpn.my-server.net:443?encryption=none&type=http&path=%2Fh2&host=vpn.my-server.net&security=tls&sni=vpn.my-server.net#vpn.my-server.net%3A443")) {
            UriShareLink l = UriShareLink.decode(link);
            String config = UriClientConfigWriter.write(l, 1080, 1081);
            LintResult lint = new Linter().lint(new SourceFile("imported.json", config));
            assertEquals(List.of(), lint.findings().stream().filter(f -> f.severity() != Severity.INFO).toList(), config);
            var doc = new ConfigReader().read(new SourceFile("imported.json", config)).document();
            List<UriShareLinks.Entry> back = UriShareLinks.of(doc, null);
            assertEquals(1, back.size(), config);
            assertEquals(l, back.get(0).link(), () -> back.get(0).problem() + "\n" + config);
            // export is canonical: exporting the re-imported export gives the very same text
            UriShareLink exported = back.get(0).link();
            var again = new ConfigReader().read(new SourceFile("again.json", UriClientConfigWriter.write(exported, 1080, 0))).document();
            assertEquals(exported.encode(), UriShareLinks.of(again, null).get(0).link().encode());
        }
    }

    @Test
    void serverInboundsNeedAnAddressAndTheirTransportTravels() throws Exception {
        String server = """
                {"inbounds": [{"port": 443, "protocol": "trojan", "settings": {"clients": [{"password": "pw"}]},
                  "streamSettings": {"network": "ws", "wsSettings": {"path": "/t"}}}]}""";
        var doc = new ConfigReader().read(new SourceFile("server.json", server)).document();
        assertTrue(UriShareLinks.of(doc, null).get(0).problem().contains("--address"));
        assertEquals("trojan://pw@vpn.example.net:443?type=ws&path=%2Ft&security=none#vpn.example.net%3A443",
                UriShareLinks.of(doc, "vpn.example.net").get(0).link().encode());
    }
}
