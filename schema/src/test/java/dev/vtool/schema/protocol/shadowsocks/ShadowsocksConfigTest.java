package dev.vtool.schema.protocol.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.source.SourceFile;
import java.util.EnumSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The shadowsocks settings as 4.34's infra/conf/shadowsocks.go reads them: defaults, aliases, networks, errors. */
class ShadowsocksConfigTest {
    private static Config build(String json) throws ConfigModelException {
        return new ConfigModelBuilder().build(new ConfigReader().read(new SourceFile("c.json", json)).document());
    }

    private static ShadowsocksInboundSettings inbound(String settings) throws ConfigModelException {
        return (ShadowsocksInboundSettings) build("{\"inbounds\": [{\"port\": 8388, \"protocol\": \"shadowsocks\", "
                + "\"settings\": " + settings + "}]}").inbounds().get(0).settings();
    }

    private static String error(String json) {
        return assertThrows(ConfigModelException.class, () -> build(json)).describe();
    }

    @Test
    void everySpellingOf434IsAcceptedAnyCase() {
        assertEquals(ShadowsocksMethod.AES_128_GCM, ShadowsocksMethod.byName("AEAD_AES_128_GCM"));
        assertEquals(ShadowsocksMethod.AES_256_GCM, ShadowsocksMethod.byName("aes-256-gcm"));
        assertEquals(ShadowsocksMethod.CHACHA20_POLY1305, ShadowsocksMethod.byName("chacha20-ietf-poly1305"));
        assertEquals(ShadowsocksMethod.CHACHA20_POLY1305, ShadowsocksMethod.byName("aead_chacha20_poly1305"));
        assertEquals(ShadowsocksMethod.NONE, ShadowsocksMethod.byName("Plain"));
        assertNull(ShadowsocksMethod.byName("aes-256-cfb"));
        assertNull(ShadowsocksMethod.byName("2022-blake3-aes-128-gcm"));
        assertNull(ShadowsocksMethod.byName("xchacha20-ietf-poly1305"));
    }

    @Test
    void inboundDefaultsToTcpOnlyAndUdpAddsUdp() throws Exception {
        ShadowsocksInboundSettings s = inbound("{\"method\": \"aes-128-gcm\", \"password\": \"p\"}");
        assertEquals(Set.of(Network.TCP), s.networks());
        assertEquals(0, s.level());
        assertEquals("", s.email());
        ShadowsocksInboundSettings udp = inbound("{\"method\": \"aes-128-gcm\", \"password\": \"p\", \"udp\": true,"
                + " \"level\": 3, \"email\": \"a@b\"}");
        assertEquals(EnumSet.of(Network.TCP, Network.UDP), udp.networks());
        assertEquals(3, udp.level());
        assertEquals(3, udp.userLevel());
        assertEquals("a@b", udp.email());
    }

    @Test
    void networkListIsReadLike434WithoutTrimming() throws Exception {
        assertEquals(EnumSet.of(Network.TCP, Network.UDP),
                inbound("{\"method\": \"none\", \"password\": \"p\", \"network\": \"tcp,udp\"}").networks());
        assertEquals(EnumSet.of(Network.UDP),
                inbound("{\"method\": \"none\", \"password\": \"p\", \"network\": [\"UDP\"]}").networks());
        // " udp" is Network_Unknown in 4.34
        assertEquals(EnumSet.of(Network.TCP),
                inbound("{\"method\": \"none\", \"password\": \"p\", \"network\": \"tcp, udp\"}").networks());
        assertEquals(EnumSet.of(Network.TCP),
                inbound("{\"method\": \"none\", \"password\": \"p\", \"network\": []}").networks());
        assertEquals(EnumSet.noneOf(Network.class),
                inbound("{\"method\": \"none\", \"password\": \"p\", \"network\": \"unix\"}").networks());
    }

    @Test
    void passwordStaysOutOfToString() throws Exception {
        assertTrue(!inbound("{\"method\": \"none\", \"password\": \"s3cr3t\"}").toString().contains("s3cr3t"));
    }

    @Test
    void errorsAre434sWords() {
        assertTrue(error("{\"inbounds\": [{\"port\": 1, \"protocol\": \"shadowsocks\", \"settings\": {\"method\": \"aes-128-gcm\"}}]}")
                .endsWith("Shadowsocks password is not specified."));
        assertTrue(error("{\"inbounds\": [{\"port\": 1, \"protocol\": \"shadowsocks\", \"settings\": {\"method\": \"rc4-md5\", "
                + "\"password\": \"x\"}}]}").endsWith("unknown cipher method: rc4-md5"));
        assertTrue(error("{\"inbounds\": [{\"port\": 1, \"protocol\": \"shadowsocks\", \"settings\": {\"password\": \"x\"}}]}")
                .endsWith("unknown cipher method: "));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"shadowsocks\", \"settings\": {}}]}")
                .endsWith("0 Shadowsocks server configured."));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"shadowsocks\", \"settings\": {\"servers\": [{\"port\": 1, "
                + "\"method\": \"none\", \"password\": \"x\"}]}}]}").endsWith("Shadowsocks server address is not set."));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"shadowsocks\", \"settings\": {\"servers\": [{\"address\": \"a\", "
                + "\"method\": \"none\", \"password\": \"x\"}]}}]}").endsWith("Invalid Shadowsocks port."));
        assertTrue(error("{\"outbounds\": [{\"protocol\": \"shadowsocks\", \"settings\": {\"servers\": [{\"address\": \"a\", "
                + "\"port\": 1, \"method\": \"none\"}]}}]}").endsWith("Shadowsocks password is not specified."));
    }

    @Test
    void outboundServersKeepTheirOrder() throws Exception {
        Config c = build("{\"outbounds\": [{\"protocol\": \"shadowsocks\", \"settings\": {\"servers\": ["
                + "{\"address\": \"[::1]\", \"port\": 1, \"method\": \"AES-256-GCM\", \"password\": \"x\", \"level\": 2},"
                + "{\"address\": \"b.example\", \"port\": 2, \"method\": \"plain\", \"password\": \"y\"}]}}]}");
        ShadowsocksOutboundSettings s = (ShadowsocksOutboundSettings) c.outbounds().get(0).settings();
        assertEquals(2, s.servers().size());
        assertEquals(new ShadowsocksServer("::1", 1, ShadowsocksMethod.AES_256_GCM, "x", 2, ""), s.servers().get(0));
        assertEquals(ShadowsocksMethod.NONE, s.servers().get(1).method());
    }
}
