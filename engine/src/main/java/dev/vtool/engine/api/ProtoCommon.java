package dev.vtool.engine.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The shared pieces of 4.34's protobuf handler configs, as the JSON values a config file would hold:
 * {@code common.net.IPOrDomain} (ip = 1 bytes, domain = 2), {@code common.net.PortRange} (From = 1, To = 2),
 * {@code common.protocol.ServerEndpoint} (address = 1, port = 2, user = 3) and {@code common.protocol.User}
 * with its account, and the refusal of anything vtool does not decode.
 */
final class ProtoCommon {
    static final String PREFIX = "v2ray.core.";

    private ProtoCommon() {
    }

    /** UNIMPLEMENTED naming the message type and where it was found. */
    static StatusRuntimeException refuse(String type, String where) {
        return Status.UNIMPLEMENTED.withDescription("vtool does not decode " + (type.isEmpty() ? "an empty type" : type)
                + " in " + where + " (it decodes 4.34's vmess, vless, trojan, shadowsocks, socks, http and "
                + "dokodemo-door inbounds, freedom, blackhole, vmess, vless, trojan, shadowsocks and socks "
                + "outbounds, over tcp or websocket, with or without tls)").asRuntimeException();
    }

    /** An IPOrDomain as text: an IP literal or the domain (a unix socket path for a listen address); null if unset. */
    static String address(byte[] message) throws IOException {
        if (message == null) {
            return null;
        }
        ProtoFields f = ProtoFields.parse(message);
        byte[] ip = f.bytes(1);
        if (ip != null) {
            if (ip.length != 4 && ip.length != 16) {
                throw new IOException("an IP address of " + ip.length + " bytes");
            }
            return InetAddress.getByAddress(ip).getHostAddress();
        }
        String domain = f.string(2);
        return domain.isEmpty() ? null : domain;
    }

    /** A PortRange as a config file writes it: one number, or "from-to". */
    static Object portRange(byte[] message) throws IOException {
        if (message == null) {
            return null;
        }
        ProtoFields f = ProtoFields.parse(message);
        long from = f.varint(1);
        long to = f.varint(2);
        return from == to ? (Object) from : from + "-" + to;
    }

    /** A User whose account must be of {@code accountType}: its level and email, and the account's fields. */
    static ProtoFields user(byte[] message, String accountType, Map<String, Object> into, String where)
            throws IOException {
        HandlerMessages.User u = HandlerMessages.User.decode(message);
        if (u.level() != 0) {
            into.put("level", u.level());
        }
        if (!u.email().isEmpty()) {
            into.put("email", u.email());
        }
        HandlerMessages.TypedMessage account = u.account();
        if (account == null || !accountType.equals(account.type())) {
            throw refuse(account == null ? "" : account.type(), where + " (a user's account; expected " + accountType + ")");
        }
        return ProtoFields.parse(account.value());
    }

    /** A ServerEndpoint's address and port; its users are left to the caller. */
    static Map<String, Object> server(ProtoFields endpoint) throws IOException {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("address", address(endpoint.bytes(1)));
        s.put("port", endpoint.varint(2));
        return s;
    }

    /** Each ServerEndpoint of a repeated field, parsed. */
    static List<ProtoFields> endpoints(ProtoFields config, int number) throws IOException {
        List<ProtoFields> out = new ArrayList<>();
        for (byte[] b : config.repeated(number)) {
            out.add(ProtoFields.parse(b));
        }
        return out;
    }

    /** {@code common.net.Network} values as a config file's "tcp", "udp" or "tcp,udp"; null when none. */
    static String networks(List<Long> values) {
        boolean tcp = false;
        boolean udp = false;
        for (long v : values) {
            tcp |= v == 1 || v == 2;
            udp |= v == 3;
        }
        return tcp && udp ? "tcp,udp" : tcp ? "tcp" : udp ? "udp" : null;
    }
}
