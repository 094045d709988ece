package dev.vtool.schema.rules;

import static dev.vtool.schema.rules.RuleTester.CLIENT_IN;
import static dev.vtool.schema.rules.RuleTester.FREEDOM_OUT;
import static dev.vtool.schema.rules.RuleTester.UUID;
import static dev.vtool.schema.rules.RuleTester.config;
import static dev.vtool.schema.rules.RuleTester.none;
import static dev.vtool.schema.rules.RuleTester.run;
import static dev.vtool.schema.rules.RuleTester.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Servers, clients, freedom/blackhole settings, transports, mux, mKCP, Shadowsocks. */
class OutboundRulesTest {
    @Test
    void vmessWithoutVnextOrUsersUsesV2raysWords() {
        Finding none = single(new OutboundServerRule(), config(CLIENT_IN, "[{\"protocol\": \"vmess\"}]"));
        assertTrue(none.message().contains("0 VMess receiver configured"), none.message());
        List<Finding> fs = run(new OutboundServerRule(), config(CLIENT_IN,
                "[{\"protocol\": \"vmess\", \"settings\": {\"vnext\": [{\"port\": 1, \"users\": []}]}}]"));
        assertEquals(2, fs.size());
        assertTrue(fs.stream().anyMatch(f -> f.message().contains("0 user configured for VMess outbound")));
        assertTrue(fs.stream().anyMatch(f -> f.message().contains("address is not set in VMess outbound config")));
        none(new OutboundServerRule(), config(CLIENT_IN, RuleTester.vmessOut("{\"id\": \"" + UUID + "\"}")));
        Finding wrongKey = single(new OutboundServerRule(), config(CLIENT_IN,
                "[{\"protocol\": \"trojan\", \"settings\": {\"vnext\": [{\"address\": \"a.b\", \"port\": 443}]}}]"));
        assertEquals("rename \"vnext\" to \"servers\"", wrongKey.fix());
        assertTrue(wrongKey.message().contains("0 Trojan server configured."), wrongKey.message());
    }

    @Test
    void trojanNeedsPasswordAndSocksAddressCrash() {
        Finding t = single(new OutboundServerRule(), config(CLIENT_IN,
                "[{\"protocol\": \"trojan\", \"settings\": {\"servers\": [{\"address\": \"a.b\", \"port\": 443}]}}]"));
        assertTrue(t.message().contains("Trojan password is not specified."), t.message());
        Finding s = single(new OutboundServerRule(), config(CLIENT_IN,
                "[{\"protocol\": \"socks\", \"settings\": {\"servers\": [{\"port\": 1080}]}}]"));
        assertTrue(s.message().contains("crashes"), s.message());
    }

    @Test
    void inboundWithoutClients() {
        Finding f = single(new InboundWithoutClientsRule(), config("[{\"port\": 1, \"protocol\": \"vmess\", \"settings\": "
                + "{\"clients\": []}}]", FREEDOM_OUT));
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.fix().contains("\"alterId\": 0"), f.fix());
        none(new InboundWithoutClientsRule(), config(RuleTester.vmessIn("{\"id\": \"" + UUID + "\"}"), FREEDOM_OUT));
    }

    @Test
    void unknownFreedomAndBlackholeKeys() {
        Finding f = single(new UnknownOutboundSettingRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"settings\": {\"allowPrivate\": true, \"redirct\": \"1.1.1.1:53\"}}]"));
        assertTrue(f.message().contains("Did you mean \"redirect\"?"), f.message());
        assertEquals(3, f.location().line());
        none(new UnknownOutboundSettingRule(), config(CLIENT_IN,
                "[{\"protocol\": \"blackhole\", \"settings\": {\"Response\": {\"type\": \"http\"}}}]"));
    }

    @Test
    void blackholeResponseType() {
        Finding f = single(new BlackholeResponseRule(), config(CLIENT_IN,
                "[{\"protocol\": \"blackhole\", \"settings\": {\"response\": {\"type\": \"htp\"}}}]"));
        assertTrue(f.message().contains("unknown config id: htp") && f.message().contains("Did you mean \"http\"?"), f.message());
        Finding missing = single(new BlackholeResponseRule(), config(CLIENT_IN,
                "[{\"protocol\": \"blackhole\", \"settings\": {\"response\": {}}}]"));
        assertTrue(missing.message().contains("type not found in JSON context"), missing.message());
        none(new BlackholeResponseRule(), config(CLIENT_IN,
                "[{\"protocol\": \"blackhole\", \"settings\": {\"response\": {\"type\": \"HTTP\"}}}]"));
        Finding capital = single(new BlackholeResponseRule(), config(CLIENT_IN,
                "[{\"protocol\": \"blackhole\", \"settings\": {\"Response\": {\"Type\": \"http\"}}}]"));
        assertTrue(capital.message().contains("case-sensitive"), capital.message());
    }

    @Test
    void pathsH2MuxKcp() {
        Finding path = single(new WsPathRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": \"ws\", \"wsSettings\": {\"path\": \"ray\"}}}]"));
        assertEquals("write \"path\": \"/ray\"", path.fix());
        single(new H2WithoutTlsRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": \"http\"}}]"));
        none(new H2WithoutTlsRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"streamSettings\": {\"network\": \"h2\", \"security\": \"tls\"}}]"));
        Finding mux = single(new MuxConcurrencyRule(), config(CLIENT_IN,
                "[{\"protocol\": \"freedom\", \"mux\": {\"enabled\": false, \"concurrency\": 1025}}]"));
        assertTrue(mux.message().contains("invalid mux concurrency: 1025") && mux.message().contains("not enabled"), mux.message());
        none(new MuxConcurrencyRule(), config(CLIENT_IN, "[{\"protocol\": \"freedom\", \"mux\": {\"concurrency\": 1024}}]"));
        List<Finding> kcp = run(new KcpBoundsRule(), "{\"inbounds\": [{\"port\": 1, \"protocol\": \"socks\"}],"
                + "\"transport\": {\"kcpSettings\": {\"mtu\": 575, \"tti\": 101}}}");
        assertEquals(2, kcp.size());
        assertTrue(kcp.get(0).message().contains("invalid mKCP MTU size: 575"), kcp.get(0).message());
        // transport defaults are only validated through the streams they are copied into
        none(new KcpBoundsRule(), "{\"transport\": {\"kcpSettings\": {\"mtu\": 575}}}");
        none(new KcpBoundsRule(), "{\"inbounds\": [{\"port\": 1, \"protocol\": \"socks\", \"streamSettings\": "
                + "{\"kcpSettings\": {}}}], \"transport\": {\"kcpSettings\": {\"mtu\": 575}}}");
    }

    @Test
    void shadowsocksCiphers() {
        Finding f = single(new ShadowsocksCipherRule(), config("[{\"port\": 8388, \"protocol\": \"shadowsocks\", "
                + "\"settings\": {\"method\": \"2022-blake3-aes-256-gcm\", \"password\": \"p\"}}]", FREEDOM_OUT));
        assertTrue(f.message().contains("unknown cipher method: 2022-blake3-aes-256-gcm"), f.message());
        assertTrue(f.fix().contains("aes-256-gcm"), f.fix());
        single(new ShadowsocksCipherRule(), config("[{\"port\": 8388, \"protocol\": \"shadowsocks\", "
                + "\"settings\": {\"password\": \"p\"}}]", FREEDOM_OUT));
        none(new ShadowsocksCipherRule(), config("[{\"port\": 8388, \"protocol\": \"shadowsocks\", "
                + "\"settings\": {\"method\": \"AEAD_CHACHA20_POLY1305\", \"password\": \"p\"}}]", FREEDOM_OUT));
    }

    @Test
    void vlessNeedsExactlyNone() {
        Finding in = single(new VlessEncryptionRule(), config("[{\"port\": 1, \"protocol\": \"vless\", \"settings\": "
                + "{\"decryption\": \"NONE\", \"clients\": [{\"id\": \"" + UUID + "\"}]}}]", FREEDOM_OUT));
        assertTrue(in.message().contains("not \"none\" (case-sensitive)"), in.message());
        Finding out = single(new VlessEncryptionRule(), config(CLIENT_IN, "[{\"protocol\": \"vless\", \"settings\": {\"vnext\": "
                + "[{\"address\": \"a.b\", \"port\": 1, \"users\": [{\"id\": \"" + UUID + "\"}]}]}}]"));
        assertTrue(out.message().contains("please add/set \"encryption\":\"none\" for every user"), out.message());
        none(new VlessEncryptionRule(), config("[{\"port\": 1, \"protocol\": \"vless\", \"settings\": "
                + "{\"decryption\": \"none\", \"clients\": [{\"id\": \"" + UUID + "\"}]}}]", FREEDOM_OUT));
    }

    @Test
    void mtprotoSecrets() {
        Finding none = single(new MtprotoUserRule(), config("[{\"port\": 1, \"protocol\": \"mtproto\"}]", FREEDOM_OUT));
        assertTrue(none.message().contains("zero MTProto users configured."), none.message());
        Finding shortSecret = single(new MtprotoUserRule(), config("[{\"port\": 1, \"protocol\": \"mtproto\", \"settings\": "
                + "{\"users\": [{\"secret\": \"abc\"}]}}]", FREEDOM_OUT));
        assertTrue(shortSecret.message().contains("MTProto secret must have 32 chars"), shortSecret.message());
        none(new MtprotoUserRule(), config("[{\"port\": 1, \"protocol\": \"mtproto\", \"settings\": "
                + "{\"users\": [{\"secret\": \"b0cbcef5a486d9636472ac27f8e11a9d\"}]}}]", FREEDOM_OUT));
    }
}
