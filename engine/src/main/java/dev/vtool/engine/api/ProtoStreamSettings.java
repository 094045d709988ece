package dev.vtool.engine.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * 4.34's {@code transport.internet.StreamConfig} as a config file's {@code streamSettings}: protocol = 1 (enum,
 * deprecated) or protocol_name = 5, transport_settings = 2 (TransportConfig: protocol = 1, settings = 2
 * TypedMessage, protocol_name = 3), security_type = 3, security_settings = 4, socket_settings = 6. vtool
 * decodes the tcp and websocket transports and tls; others are refused by name.
 */
final class ProtoStreamSettings {
    static final String TCP = ProtoCommon.PREFIX + "transport.internet.tcp.Config";
    static final String WEBSOCKET = ProtoCommon.PREFIX + "transport.internet.websocket.Config";
    static final String TLS = ProtoCommon.PREFIX + "transport.internet.tls.Config";
    private static final String NOOP_HEADER = ProtoCommon.PREFIX + "transport.internet.headers.noop.Config";
    /** TransportProtocol enum values by number, as 4.34's protocol names. */
    private static final String[] PROTOCOLS = {"tcp", "udp", "mkcp", "websocket", "http", "domainsocket"};

    private ProtoStreamSettings() {
    }

    /** The streamSettings object, or null when the message is absent. */
    static Map<String, Object> decode(byte[] message, String where) throws IOException {
        if (message == null) {
            return null;
        }
        ProtoFields f = ProtoFields.parse(message);
        Map<String, Object> out = new LinkedHashMap<>();
        String network = protocolName(f.string(5), f.varint(1), where);
        out.put("network", network.equals("websocket") ? "ws" : network);
        for (byte[] t : f.repeated(2)) {
            ProtoFields tc = ProtoFields.parse(t);
            String name = protocolName(tc.string(3), tc.varint(1), where);
            HandlerMessages.TypedMessage settings = HandlerMessages.TypedMessage.decode(tc.bytes(2));
            if (!name.equals(network) || settings == null) {
                continue; // 4.34 uses only the effective network's settings
            }
            if (name.equals("tcp")) {
                out.put("tcpSettings", tcp(settings, where));
            } else {
                out.put("wsSettings", websocket(settings, where));
            }
        }
        String security = f.string(3);
        if (!security.isEmpty()) {
            if (!TLS.equals(security)) {
                throw ProtoCommon.refuse(security, where + " security_type");
            }
            out.put("security", "tls");
            for (byte[] s : f.repeated(4)) {
                HandlerMessages.TypedMessage m = HandlerMessages.TypedMessage.decode(s);
                if (TLS.equals(m.type())) {
                    out.put("tlsSettings", tls(ProtoFields.parse(m.value())));
                }
            }
        }
        byte[] socket = f.bytes(6);
        if (socket != null) {
            Map<String, Object> sockopt = sockopt(ProtoFields.parse(socket));
            if (!sockopt.isEmpty()) {
                out.put("sockopt", sockopt);
            }
        }
        return out;
    }

    private static String protocolName(String name, long number, String where) {
        String n = !name.isEmpty() ? name : number >= 0 && number < PROTOCOLS.length ? PROTOCOLS[(int) number] : "#" + number;
        if (!n.equals("tcp") && !n.equals("websocket")) {
            throw ProtoCommon.refuse("transport " + n, where + " stream_settings");
        }
        return n;
    }

    /** {@code tcp.Config}: header_settings = 2 (only the no-op header), accept_proxy_protocol = 3. */
    private static Map<String, Object> tcp(HandlerMessages.TypedMessage m, String where) throws IOException {
        if (!TCP.equals(m.type())) {
            throw ProtoCommon.refuse(m.type(), where + " tcp transport settings");
        }
        ProtoFields f = ProtoFields.parse(m.value());
        Map<String, Object> out = new LinkedHashMap<>();
        HandlerMessages.TypedMessage header = HandlerMessages.TypedMessage.decode(f.bytes(2));
        if (header != null && !header.type().isEmpty() && !NOOP_HEADER.equals(header.type())) {
            throw ProtoCommon.refuse(header.type(), where + " tcp header_settings");
        }
        if (f.bool(3)) {
            out.put("acceptProxyProtocol", true);
        }
        return out;
    }

    /** {@code websocket.Config}: path = 2, header = 3 (key = 1, value = 2), accept_proxy_protocol = 4. */
    private static Map<String, Object> websocket(HandlerMessages.TypedMessage m, String where) throws IOException {
        if (!WEBSOCKET.equals(m.type())) {
            throw ProtoCommon.refuse(m.type(), where + " websocket transport settings");
        }
        ProtoFields f = ProtoFields.parse(m.value());
        Map<String, Object> out = new LinkedHashMap<>();
        if (!f.string(2).isEmpty()) {
            out.put("path", f.string(2));
        }
        Map<String, Object> headers = new LinkedHashMap<>();
        for (byte[] h : f.repeated(3)) {
            ProtoFields hf = ProtoFields.parse(h);
            headers.put(hf.string(1), hf.string(2));
        }
        if (!headers.isEmpty()) {
            out.put("headers", headers);
        }
        if (f.bool(4)) {
            out.put("acceptProxyProtocol", true);
        }
        return out;
    }

    /**
     * {@code tls.Config}: allow_insecure = 1, certificate = 2 (Certificate = 1, Key = 2, usage = 3), server_name
     * = 3, next_protocol = 4, enable_session_resumption = 5, disable_system_root = 6.
     */
    private static Map<String, Object> tls(ProtoFields f) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (!f.string(3).isEmpty()) {
            out.put("serverName", f.string(3));
        }
        if (f.bool(1)) {
            out.put("allowInsecure", true);
        }
        List<String> alpn = f.strings(4);
        if (!alpn.isEmpty()) {
            out.put("alpn", alpn);
        }
        List<Object> certificates = new ArrayList<>();
        for (byte[] c : f.repeated(2)) {
            ProtoFields cf = ProtoFields.parse(c);
            Map<String, Object> cert = new LinkedHashMap<>();
            cert.put("certificate", lines(cf.bytes(1)));
            if (cf.bytes(2) != null) {
                cert.put("key", lines(cf.bytes(2)));
            }
            long usage = cf.varint(3);
            if (usage != 0) {
                cert.put("usage", usage == 1 ? "verify" : "issue");
            }
            certificates.add(cert);
        }
        if (!certificates.isEmpty()) {
            out.put("certificates", certificates);
        }
        if (f.bool(5)) {
            out.put("enableSessionResumption", true);
        }
        if (f.bool(6)) {
            out.put("disableSystemRoot", true);
        }
        return out;
    }

    /** PEM bytes as a config file's array of lines. */
    private static List<String> lines(byte[] pem) {
        return pem == null ? List.of() : new String(pem, StandardCharsets.UTF_8).lines().toList();
    }

    /** {@code SocketConfig}: mark = 1, tfo = 2 (AsIs, Enable, Disable), tproxy = 3 (Off, TProxy, Redirect). */
    private static Map<String, Object> sockopt(ProtoFields f) throws IOException {
        Map<String, Object> out = new LinkedHashMap<>();
        if (f.varint(1) != 0) {
            out.put("mark", (int) f.varint(1));
        }
        long tfo = f.varint(2);
        if (tfo != 0) {
            out.put("tcpFastOpen", tfo == 1);
        }
        long tproxy = f.varint(3);
        if (tproxy != 0) {
            out.put("tproxy", tproxy == 1 ? "tproxy" : "redirect");
        }
        return out;
    }
}
