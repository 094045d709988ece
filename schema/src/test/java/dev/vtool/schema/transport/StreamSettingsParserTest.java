package dev.vtool.schema.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.transport.http.HttpSettings;
import dev.vtool.schema.transport.kcp.KcpSettings;
import dev.vtool.schema.transport.quic.QuicSettings;
import dev.vtool.schema.transport.tcp.TcpSettings;
import dev.vtool.schema.transport.tls.TlsSettings;
import dev.vtool.schema.transport.websocket.WebSocketSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StreamSettingsParserTest {
    private final List<String> refusals = new ArrayList<>();

    /** Parses {@code inbounds} of a config; the transport section comes from the same document. */
    private List<StreamSettings> parse(String json) throws ConfigModelException {
        ConfigDocument d = new ConfigReader().read(new SourceFile("c.json", json)).document();
        ConfigNode root = ConfigNode.root(d);
        StreamSettingsParser parser = new StreamSettingsParser(root.object("transport"));
        List<StreamSettings> out = new ArrayList<>();
        for (ConfigNode in : root.array("inbounds")) {
            out.add(parser.parse(in, e -> refusals.add(e.describe())));
        }
        return out;
    }

    private StreamSettings one(String streamSettings) throws ConfigModelException {
        return parse("{\"inbounds\": [{\"streamSettings\": " + streamSettings + "}]}").get(0);
    }

    private String error(String json) {
        return assertThrows(ConfigModelException.class, () -> parse(json)).describe();
    }

    @Test
    void absentStreamSettingsArePlainTcpWithDefaults() throws Exception {
        StreamSettings s = parse("{\"inbounds\": [{}]}").get(0);
        assertEquals("tcp", s.network());
        assertEquals(TcpSettings.DEFAULT, s.transport());
        assertNull(s.security());
        assertEquals(SocketSettings.DEFAULT, s.sockopt());
        assertNull(s.pointer());
        assertEquals(StreamSettings.plainTcp(), s);
        assertTrue(refusals.isEmpty());
    }

    @Test
    void everySpellingOfEveryNetworkHasItsDefaultsAndRuns() throws Exception {
        Map<String, TransportSettings> defaults = Map.of("kcp", KcpSettings.DEFAULT, "mKCP", KcpSettings.DEFAULT,
                "ws", WebSocketSettings.DEFAULT, "WebSocket", WebSocketSettings.DEFAULT, "h2", HttpSettings.DEFAULT,
                "http", HttpSettings.DEFAULT, "quic", QuicSettings.DEFAULT);
        for (var e : defaults.entrySet()) {
            refusals.clear();
            StreamSettings s = one("{\"network\": \"" + e.getKey() + "\"}");
            assertEquals(e.getValue(), s.transport(), e.getKey());
            assertEquals(e.getValue().network(), s.network());
            assertEquals(List.of(), refusals, e.getKey() + " runs");
        }
        assertEquals("domainsocket", one("{\"network\": \"DS\"}").network());
        assertEquals("aes-128-gcm", QuicSettings.DEFAULT.security(), "no quicSettings object: 4.34's AUTO");
        assertEquals("none", ((QuicSettings) one("{\"network\": \"quic\", \"quicSettings\": {}}").transport()).security());
        assertEquals(1350, KcpSettings.DEFAULT.mtu());
        assertEquals(50, KcpSettings.DEFAULT.tti());
        assertEquals("/", WebSocketSettings.DEFAULT.normalizedPath());
        assertEquals(List.of("www.example.com"), HttpSettings.DEFAULT.effectiveHosts());
    }

    @Test
    void keysAreReadCaseInsensitivelyAsGoDoes() throws Exception {
        StreamSettings s = one("""
                {"NETWORK": "Kcp", "KcpSettings": {"MTU": 1200, "tTi": 20, "UplinkCapacity": 100, "Congestion": true,
                 "readBufferSize": 0, "writeBufferSize": 4, "Header": {"type": "WeChat-Video"}, "SEED": "s"}}
                """);
        assertEquals(new KcpSettings(1200, 20, 100, 20, true, 512 * 1024, 4 * 1024 * 1024, "wechat-video", "s"),
                s.transport());
        WebSocketSettings ws = (WebSocketSettings) one(
                "{\"network\": \"ws\", \"WSSETTINGS\": {\"PATH\": \"v\", \"Headers\": {\"Host\": \"a.example\"}}}")
                .transport();
        assertEquals("/v", ws.normalizedPath());
        assertEquals(Map.of("Host", "a.example"), ws.headers());
        // the legacy "Path" key counts when "path" is empty
        assertEquals("/old", ((WebSocketSettings) one(
                "{\"network\": \"ws\", \"wsSettings\": {\"path\": \"\", \"Path\": \"/old\"}}").transport()).path());
    }

    @Test
    void transportSectionSuppliesDefaultsThatStreamSettingsOverride() throws Exception {
        List<StreamSettings> s = parse("""
                {"transport": {"kcpSettings": {"mtu": 1000}, "wsSettings": {"path": "/global"},
                               "quicSettings": {"key": "ignored by 4.34"}},
                 "inbounds": [
                   {"streamSettings": {"network": "kcp"}},
                   {"streamSettings": {"network": "mkcp", "kcpSettings": {"tti": 30}}},
                   {"streamSettings": {"network": "ws"}},
                   {"streamSettings": {"network": "quic"}},
                   {}
                 ]}
                """);
        assertEquals(1000, ((KcpSettings) s.get(0).transport()).mtu());
        // the stream's own object replaces the section's whole, as 4.34's applyTransportConfig does
        assertEquals(new KcpSettings(1350, 30, 5, 20, false, 2 << 20, 2 << 20, "none", null), s.get(1).transport());
        assertEquals("/global", ((WebSocketSettings) s.get(2).transport()).path());
        assertEquals(QuicSettings.DEFAULT, s.get(3).transport());
        assertEquals(StreamSettings.plainTcp(), s.get(4));
    }

    @Test
    void settingsOfNetworksThatDoNotCarryAreStillCheckedAs434Does() {
        assertEquals("c.json:1:76: invalid mKCP MTU size: 2000",
                error("{\"inbounds\": [{\"streamSettings\": {\"network\": \"tcp\", \"kcpSettings\": {\"mtu\": 2000}}}]}"));
        assertEquals("c.json:1:39: invalid mKCP TTI: 5",
                error("{\"transport\": {\"kcpSettings\": {\"tti\": 5}}, \"inbounds\": [{}]}"));
        assertTrue(error("{\"inbounds\": [{\"streamSettings\": {\"tcpSettings\": {\"header\": {}}}}]}")
                .endsWith("invalid TCP header config > type not found in JSON context"));
        assertTrue(error("{\"inbounds\": [{\"streamSettings\": {\"tcpSettings\": {\"header\": {\"type\": \"tls\"}}}}]}")
                .endsWith("invalid TCP header config > unknown config id: tls"));
        assertTrue(error("{\"inbounds\": [{\"streamSettings\": {\"network\": \"grpc\"}}]}")
                .endsWith("Config: unknown transport protocol: grpc"));
        assertTrue(error("{\"inbounds\": [{\"streamSettings\": {\"security\": \"tls\", \"tlsSettings\": "
                + "{\"certificates\": [{\"usage\": \"verify\"}]}}}]}")
                .endsWith("failed to parse certificate > both file and bytes are empty."));
    }

    @Test
    void unrunnableFeaturesOfTheCarryingNetworkAreAllReportedByNameWithoutThrowing() throws Exception {
        StreamSettings s = one("""
                {"network": "tcp", "security": "TLS", "tlsSettings": {"serverName": "a.example", "alpn": "h2,http/1.1"},
                 "tcpSettings": {"header": {"type": "HTTP"}, "acceptProxyProtocol": true},
                 "wsSettings": {"acceptProxyProtocol": true},
                 "sockopt": {"mark": 255, "tproxy": "TProxy", "acceptProxyProtocol": true, "tcpFastOpen": true}}
                """);
        assertEquals("http", ((TcpSettings) s.transport()).headerType());
        assertTrue(((TcpSettings) s.transport()).acceptProxyProtocol());
        TlsSettings tls = (TlsSettings) s.security();
        assertEquals("a.example", tls.serverName());
        assertEquals(List.of("h2", "http/1.1"), tls.alpn());
        assertEquals(new SocketSettings(255, true, "tproxy", true), s.sockopt());
        assertEquals(List.of(), refusals, "tproxy runs (Linux, native epoll)");
    }

    @Test
    void securityOtherThanTlsIsNoSecurityAs434ReadsIt() throws Exception {
        assertNull(one("{\"security\": \"none\"}").security());
        assertNull(one("{\"security\": \"xtls\", \"xtlsSettings\": {}}").security());
        assertTrue(refusals.isEmpty());
    }

    @Test
    void aRefusalInTheTransportSectionIsReportedOnceForAllItsStreams() throws Exception {
        parse("""
                {"transport": {"dsSettings": {"path": "x", "abstract": true, "padding": true}},
                 "inbounds": [{"streamSettings": {"network": "ds"}}, {"streamSettings": {"network": "domainsocket"}}]}
                """);
        assertEquals(List.of("c.json:1:73: transport.dsSettings.padding is not supported by vtool yet"),
                refusals);
        refusals.clear();
        // a stream on another network does not use the section's tcpSettings: nothing to refuse
        parse("{\"transport\": {\"tcpSettings\": {\"header\": {\"type\": \"http\"}}}, "
                + "\"inbounds\": [{\"streamSettings\": {\"network\": \"kcp\"}}]}");
        assertEquals(List.of(), refusals);
    }
}
