package dev.vtool.schema.link;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class VmessLinkTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    private static String b64(String json) {
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ConfigDocument parse(String text) {
        ConfigDocument doc = new ConfigReader().read(new SourceFile("client.json", text)).document();
        assertNotNull(doc, text);
        return doc;
    }

    @Test
    void encodesV2raynV2WithStringFieldsAndPadding() throws Exception {
        VmessLink link = new VmessLink("demo", "203.0.113.7", "443", ID, "0", "auto", "ws", "none", "cdn.example.com",
                "/ws", "tls", "cdn.example.com", "");
        String encoded = link.encode();
        assertTrue(encoded.startsWith("vmess://"));
        String body = encoded.substring(8);
        assertEquals(0, body.length() % 4, "standard Base64 keeps its padding");
        JsonNode json = JsonMapper.builder().build().readTree(new String(Base64.getDecoder().decode(body), StandardCharsets.UTF_8));
        assertEquals(14, json.size());
        json.propertyNames().forEach(k -> assertTrue(json.get(k).isString(), k + " must be a string"));
        assertEquals("2", json.get("v").stringValue());
        assertEquals("443", json.get("port").stringValue());
        assertEquals("0", json.get("aid").stringValue());
        assertEquals(link, VmessLinkDecoder.decode(encoded));
    }

    @Test
    void decodesRealWorldVariants() throws Exception {
        // Pretty-printed JSON with CRLF (old v2rayN), numbers for port/aid, no scy, URL-safe alphabet without padding.
        String pretty = "{\r\n  \"v\": 2,\r\n  \"ps\": \"日本 node\",\r\n  \"add\": \"example.com\",\r\n  \"port\": 8443,\r\n"
                + "  \"id\": \"" + ID + "\",\r\n  \"aid\": 64,\r\n  \"net\": \"ws\",\r\n  \"type\": \"none\",\r\n"
                + "  \"host\": \"cdn.example.com\",\r\n  \"path\": \"/ray?a=b\",\r\n  \"tls\": \"tls\"\r\n}";
        String urlSafe = b64(pretty).replace('+', '-').replace('/', '_').replace("=", "");
        String wrapped = "  vmess://" + urlSafe.substring(0, 40) + "\n" + urlSafe.substring(40) + " \n";
        VmessLink l = VmessLinkDecoder.decode(wrapped);
        assertEquals("8443", l.port());
        assertEquals("64", l.aid());
        assertEquals("auto", l.scy());
        assertEquals("日本 node", l.ps());
        assertEquals("/ray?a=b", l.path());
        assertEquals("cdn.example.com", l.host());
        assertTrue(l.usesTls());

        // Legacy v1: host holds "path;host".
        VmessLink v1 = VmessLinkDecoder.decode("vmess://" + b64("{\"add\":\"a.example\",\"port\":\"80\",\"id\":\"" + ID
                + "\",\"aid\":\"0\",\"net\":\"ws\",\"host\":\"/v1path;h.example\"}"));
        assertEquals("/v1path", v1.path());
        assertEquals("h.example", v1.host());

        // "net":"http" means h2; missing fields default.
        VmessLink h2 = VmessLinkDecoder.decode("VMESS://" + b64("{\"v\":\"2\",\"add\":\"x.example\",\"port\":\"443\",\"id\":\""
                + ID + "\",\"net\":\"http\",\"tls\":\"tls\",\"unknown\":[1,2]}"));
        assertEquals("h2", h2.net());
        assertEquals("0", h2.aid());
        assertEquals("none", h2.type());

        // The URI form.
        VmessLink uri = VmessLinkDecoder.decode("vmess://" + ID + "@[2001:db8::1]:443?type=ws&security=tls"
                + "&path=%2Fws%2Bx&host=cdn.example.com&sni=sni.example.com&encryption=chacha20-poly1305#my%20remark");
        assertEquals("2001:db8::1", uri.add());
        assertEquals("443", uri.port());
        assertEquals(ID, uri.id());
        assertEquals("ws", uri.net());
        assertEquals("/ws+x", uri.path());
        assertEquals("sni.example.com", uri.sni());
        assertEquals("chacha20-poly1305", uri.scy());
        assertEquals("my remark", uri.ps());
        assertEquals("0", uri.aid());
    }

    @Test
    void rejectsBrokenLinksWithClearMessages() {
        assertTrue(assertThrows(LinkFormatException.class, () -> VmessLinkDecoder.decode("vless://x@y:1"))
                .getMessage().contains("not a vmess:// link"));
        assertTrue(assertThrows(LinkFormatException.class, () -> VmessLinkDecoder.decode("vmess://%%%%"))
                .getMessage().contains("not Base64"));
        assertTrue(assertThrows(LinkFormatException.class, () -> VmessLinkDecoder.decode("vmess://" + b64("hello")))
                .getMessage().contains("not JSON"));
        assertTrue(assertThrows(LinkFormatException.class, () -> VmessLinkDecoder.decode("vmess://" + b64(
                "{\"add\":\"a\",\"port\":\"99999\",\"id\":\"" + ID + "\"}"))).getMessage().contains("outside 1-65535"));
        assertTrue(assertThrows(LinkFormatException.class, () -> VmessLinkDecoder.decode("vmess://" + b64(
                "{\"port\":\"1\",\"id\":\"" + ID + "\"}"))).getMessage().contains("no server address"));
        assertThrows(LinkFormatException.class, () -> VmessLinkDecoder.decode("vmess://"));
    }

    @Test
    void roundTripsThroughAClientConfigForEveryTransport() throws Exception {
        List<VmessLink> links = List.of(
                new VmessLink("tcp", "203.0.113.7", "10086", ID, "0", "auto", "tcp", "none", "", "", "", "", ""),
                new VmessLink("tcp-http", "203.0.113.7", "80", ID, "4", "aes-128-gcm", "tcp", "http", "a.example,b.example",
                        "/x,/y", "", "", ""),
                new VmessLink("ws", "203.0.113.7", "443", ID, "0", "auto", "ws", "none", "cdn.example.com", "/ws", "tls",
                        "cdn.example.com", "h2,http/1.1"),
                new VmessLink("h2", "h.example.com", "443", ID, "0", "chacha20-poly1305", "h2", "none", "h.example.com",
                        "/h2", "tls", "h.example.com", ""),
                new VmessLink("kcp", "203.0.113.7", "5000", ID, "0", "auto", "kcp", "wechat-video", "", "seed!", "", "", ""),
                new VmessLink("quic", "203.0.113.7", "5001", ID, "0", "auto", "quic", "srtp", "aes-128-gcm", "k", "", "", ""));
        for (VmessLink link : links) {
            ConfigDocument doc = parse(ClientConfigWriter.write(link, 1080, 1081));
            List<ConfigLinks.Entry> entries = ConfigLinks.of(doc);
            assertEquals(1, entries.size());
            VmessLink back = entries.get(0).link();
            assertNotNull(back, entries.get(0).problem());
            assertEquals(link, withPs(back, link.ps()), link.ps());
            assertEquals("127.0.0.1", doc.at("/inbounds/0/listen").stringValue());
            assertTrue(doc.at("/inbounds/0/sniffing/enabled").asBoolean());
        }
    }

    private static VmessLink withPs(VmessLink l, String ps) {
        return new VmessLink(ps, l.add(), l.port(), l.id(), l.aid(), l.scy(), l.net(), l.type(), l.host(), l.path(),
                l.tls(), l.sni(), l.alpn());
    }
}
