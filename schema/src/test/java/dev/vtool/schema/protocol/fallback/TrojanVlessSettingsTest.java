package dev.vtool.schema.protocol.fallback;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.protocol.trojan.TrojanInboundSettings;
import dev.vtool.schema.protocol.trojan.TrojanOutboundSettings;
import dev.vtool.schema.protocol.vless.VlessInboundSettings;
import dev.vtool.schema.protocol.vless.VlessOutboundSettings;
import dev.vtool.schema.source.SourceFile;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Trojan and VLESS settings as 4.34's infra/conf reads and refuses them. */
class TrojanVlessSettingsTest {
    private static Config build(String json) throws ConfigModelException {
        return new ConfigModelBuilder().build(new ConfigReader().read(new SourceFile("c.json", json)).document());
    }

    private static String error(String json) {
        return assertThrows(ConfigModelException.class, () -> build(json)).describe();
    }

    private static String inbound(String protocol, String settings) {
        return "{\"inbounds\": [{\"port\": 1, \"protocol\": \"" + protocol + "\", \"settings\": " + settings + "}]}";
    }

    @Test
    void fallbackDestsResolveAs434Does() throws Exception {
        Config c = build(inbound("trojan", """
                {"clients": [{"password": "p", "level": 1, "email": "a@x"}],
                 "fallbacks": [{"dest": 80}, {"path": "/ws", "dest": "10.0.0.1:8080", "xver": 1},
                               {"alpn": "h2", "dest": "/run/web.sock", "xver": 2}, {"alpn": "x", "dest": "@@abs"},
                               {"dest": "8443"}]}"""));
        TrojanInboundSettings s = (TrojanInboundSettings) c.inbounds().get(0).settings();
        assertEquals("p", s.clients().get(0).password());
        assertEquals(1, s.clients().get(0).level());
        List<Fallback> f = s.fallbacks();
        assertEquals(new Fallback("", "", "tcp", "127.0.0.1:80", 0), f.get(0));
        assertEquals(new Fallback("", "/ws", "tcp", "10.0.0.1:8080", 1), f.get(1));
        assertEquals(new Fallback("h2", "", "unix", "/run/web.sock", 2), f.get(2));
        assertEquals(108, f.get(3).dest().length(), "@@name is padded with NULs to sun_path's length");
        assertTrue(f.get(3).dest().startsWith("@abs\0"));
        assertEquals("127.0.0.1:8443", f.get(4).dest());
    }

    @Test
    void fallbackMistakesAreRefusedWith434sWords() {
        assertTrue(error(inbound("trojan", "{\"fallback\": {\"dest\": 80}}"))
                .contains("Trojan settings: please use \"fallbacks\":[{}] instead of \"fallback\":{}"));
        assertTrue(error(inbound("trojan", "{\"fallbacks\": [{\"path\": \"ws\", \"dest\": 80}]}"))
                .contains("Trojan fallbacks: \"path\" must be empty or start with \"/\""));
        assertTrue(error(inbound("vless", "{\"decryption\": \"none\", \"fallbacks\": [{\"dest\": \"nowhere\"}]}"))
                .contains("VLESS fallbacks: please fill in a valid value for every \"dest\""));
        assertTrue(error(inbound("vless", "{\"decryption\": \"none\", \"fallbacks\": [{\"dest\": 70000}]}"))
                .contains("VLESS fallbacks: please fill in a valid value for every \"dest\""));
        assertTrue(error(inbound("vless", "{\"decryption\": \"none\", \"fallbacks\": [{\"dest\": 80, \"xver\": 3}]}"))
                .contains("VLESS fallbacks: invalid PROXY protocol version, \"xver\" only accepts 0, 1, 2"));
        assertTrue(error(inbound("vless", "{\"decryption\": \"none\", \"fallbacks\": [{\"dest\": \"serve-ws-none\"}]}"))
                .contains("not supported by vtool"));
    }

    @Test
    void vlessUsersAndDecryption() throws Exception {
        Config c = build(inbound("vless", """
                {"decryption": "none", "clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "flow": "anything-goes"}]}"""));
        VlessInboundSettings s = (VlessInboundSettings) c.inbounds().get(0).settings();
        assertArrayEquals(HexFormat.of().parseHex("b831381d63244d53ad4f8cda48b30811"), s.clients().get(0).uuid());
        assertEquals("anything-goes", s.clients().get(0).flow(), "4.34 accepts any flow");
        assertTrue(error(inbound("vless", "{\"clients\": []}"))
                .contains("VLESS settings: please add/set \"decryption\":\"none\" to every settings"));
        assertTrue(error(inbound("vless", "{\"decryption\": \"none\", \"clients\": [{\"id\": \"x\"}]}"))
                .contains("failed to get VLESS user > failed to parse ID"));
        assertTrue(error(inbound("vless", "{\"decryption\": \"none\", \"clients\": [{\"id\": \"b831381d-6324-4d53-ad4f-8cda48b30811\", "
                + "\"encryption\": \"none\"}]}")).contains("VLESS clients: \"encryption\" should not in inbound settings"));
        assertTrue(error(inbound("trojan", "{\"clients\": [{\"password\": \"a\", \"email\": \"E\"}, {\"password\": \"b\", \"email\": \"e\"}]}"))
                .contains("User e already exists."));
    }

    @Test
    void outbounds() throws Exception {
        Config c = build("""
                {"outbounds": [{"protocol": "trojan", "settings": {"servers": [{"address": "[::1]", "port": 443, "password": "p"}]}},
                  {"protocol": "vless", "settings": {"vnext": [{"address": "a.test", "port": 443,
                    "users": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "encryption": "none"}]}]}}]}""");
        TrojanOutboundSettings t = (TrojanOutboundSettings) c.outbounds().get(0).settings();
        assertEquals("::1", t.servers().get(0).address());
        assertEquals("p", t.servers().get(0).user().password());
        VlessOutboundSettings v = (VlessOutboundSettings) c.outbounds().get(1).settings();
        assertEquals("a.test", v.vnext().get(0).address());
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"trojan\", \"settings\": {\"servers\": []}}]}")
                .contains("0 Trojan server configured."));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"trojan\", \"settings\": {\"servers\": [{\"address\": \"a\", \"port\": 1}]}}]}")
                .contains("Trojan password is not specified."));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"trojan\", \"settings\": {\"servers\": [{\"address\": \"a\", \"password\": \"p\"}]}}]}")
                .contains("Invalid Trojan port."));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"vless\", \"settings\": {\"vnext\": [{\"address\": \"a\", \"port\": 1, "
                + "\"users\": [{\"id\": \"b831381d-6324-4d53-ad4f-8cda48b30811\"}]}]}}]}")
                .contains("VLESS users: please add/set \"encryption\":\"none\" for every user"));
    }
}
