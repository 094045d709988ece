package dev.vtool.schema.link;

import dev.vtool.schema.vmess.V2rayUuid;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads {@code vmess://} links as real clients write them: v2rayN's Base64 JSON (whitespace, URL-safe
 * alphabet and missing padding tolerated; numbers or strings; legacy v1 {@code "path;host"}), and the
 * URI form {@code vmess://uuid@host:port?type=ws&security=tls&path=...#remark}.
 */
public final class VmessLinkDecoder {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private VmessLinkDecoder() {
    }

    public static VmessLink decode(String link) throws LinkFormatException {
        String s = link.strip();
        if (!s.regionMatches(true, 0, "vmess://", 0, 8)) {
            throw new LinkFormatException("not a vmess:// link (it starts with \""
                    + s.substring(0, Math.min(s.length(), 12)) + "\")");
        }
        String body = s.substring(8);
        if (body.isBlank()) {
            throw new LinkFormatException("the link is empty after vmess://");
        }
        if (body.indexOf('@') >= 0) {
            return fromUri(s);
        }
        return fromJson(base64(body));
    }

    private static String base64(String body) throws LinkFormatException {
        String b = body.replaceAll("\\s", "").replace('-', '+').replace('_', '/');
        int hash = b.indexOf('#');
        if (hash >= 0) {
            b = b.substring(0, hash); // some tools append #remark to the Base64 form
        }
        b = b.replaceAll("=+$", "");
        b = b + "=".repeat((4 - b.length() % 4) % 4);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b);
        } catch (IllegalArgumentException e) {
            throw new LinkFormatException("the text after vmess:// is not Base64 (" + e.getMessage() + ")");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LinkFormatException("the Base64 body does not decode to UTF-8 text");
        }
    }

    private static VmessLink fromJson(String text) throws LinkFormatException {
        JsonNode n;
        try {
            n = JSON.readTree(text);
        } catch (JacksonException e) {
            throw new LinkFormatException("the decoded link is not JSON: " + e.getOriginalMessage());
        }
        if (n == null || !n.isObject()) {
            throw new LinkFormatException("the decoded link is not a JSON object");
        }
        String v = field(n, "v");
        String net = field(n, "net").toLowerCase(Locale.ROOT);
        String host = field(n, "host");
        String path = field(n, "path");
        if ((v.isEmpty() || v.equals("1")) && (net.equals("ws") || net.equals("h2") || net.equals("http"))
                && path.isEmpty() && host.contains(";")) {
            // v1 layout: host held "path;host"
            int semi = host.indexOf(';');
            path = host.substring(0, semi);
            host = host.substring(semi + 1);
        }
        VmessLink link = new VmessLink(field(n, "ps"), field(n, "add"), field(n, "port"), field(n, "id"),
                field(n, "aid"), field(n, "scy"), net.equals("http") ? "h2" : net, field(n, "type"), host, path,
                field(n, "tls"), field(n, "sni"), field(n, "alpn"));
        return validate(link);
    }

    /** A field as a string whether the JSON holds a string or a number; "" when absent or null. */
    private static String field(JsonNode n, String key) {
        JsonNode f = n.get(key);
        if (f == null || f.isNull()) {
            return "";
        }
        if (f.isNumber() || f.isBoolean()) {
            return f.asString();
        }
        return f.isString() ? f.stringValue().trim() : "";
    }

    private static VmessLink fromUri(String s) throws LinkFormatException {
        URI uri;
        try {
            uri = new URI(s.replace(" ", "%20"));
        } catch (URISyntaxException e) {
            throw new LinkFormatException("the vmess://uuid@host:port link is malformed: " + e.getMessage());
        }
        String id = uri.getRawUserInfo() == null ? "" : decodeComponent(uri.getRawUserInfo());
        String host = uri.getHost() == null ? "" : uri.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        Map<String, String> q = query(uri.getRawQuery());
        String net = q.getOrDefault("type", "tcp").toLowerCase(Locale.ROOT);
        String path = q.getOrDefault("path", "");
        if (net.equals("kcp")) {
            path = q.getOrDefault("seed", path);
        } else if (net.equals("quic")) {
            path = q.getOrDefault("key", path);
        }
        String hostParam = net.equals("quic") ? q.getOrDefault("quicSecurity", "") : q.getOrDefault("host", "");
        String security = q.getOrDefault("security", "none").toLowerCase(Locale.ROOT);
        VmessLink link = new VmessLink(uri.getRawFragment() == null ? "" : decodeComponent(uri.getRawFragment()),
                host, uri.getPort() < 0 ? "" : Integer.toString(uri.getPort()), id, "0",
                q.getOrDefault("encryption", "auto"), net.equals("http") ? "h2" : net,
                q.getOrDefault("headerType", "none"), hostParam, path, security.equals("tls") ? "tls" : "",
                q.getOrDefault("sni", ""), q.getOrDefault("alpn", ""));
        return validate(link);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) {
            return m;
        }
        for (String part : raw.split("&")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                m.put(decodeComponent(part.substring(0, eq)), decodeComponent(part.substring(eq + 1)));
            }
        }
        return m;
    }

    private static String decodeComponent(String s) {
        try {
            return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return s;
        }
    }

    private static VmessLink validate(VmessLink link) throws LinkFormatException {
        if (link.add().isEmpty()) {
            throw new LinkFormatException("the link has no server address (field \"add\")");
        }
        if (link.id().isEmpty()) {
            throw new LinkFormatException("the link has no user id (field \"id\")");
        }
        V2rayUuid.Parse id = V2rayUuid.parse(link.id());
        if (!id.ok()) {
            throw new LinkFormatException("the link's user id \"" + link.id() + "\" is not one V2Ray 4.34 accepts: "
                    + id.errorWithOutcome());
        }
        int port;
        try {
            port = Integer.parseInt(link.port());
        } catch (NumberFormatException e) {
            throw new LinkFormatException("the link's port \"" + link.port() + "\" is not a number");
        }
        if (port < 1 || port > 65535) {
            throw new LinkFormatException("the link's port " + port + " is outside 1-65535");
        }
        try {
            int aid = Integer.parseInt(link.aid());
            if (aid < 0 || aid > 65535) {
                throw new LinkFormatException("the link's alterId (aid) " + aid + " is outside 0-65535");
            }
        } catch (NumberFormatException e) {
            throw new LinkFormatException("the link's alterId (aid) \"" + link.aid() + "\" is not a number");
        }
        return link;
    }
}
