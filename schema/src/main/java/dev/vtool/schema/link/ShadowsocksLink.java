package dev.vtool.schema.link;

import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * An {@code ss://} share link: SIP002 ({@code ss://BASE64URL(method:password)@host:port/?plugin=..#name},
 * the user info also accepted percent-encoded as AEAD clients write it) and the legacy form
 * ({@code ss://BASE64(method:password@host:port)#name}). vtool writes SIP002 with Base64url user info and
 * the method names shadowsocks-libev and SIP002 clients know ({@code chacha20-ietf-poly1305}).
 *
 * @param method one of 4.34's methods
 * @param name   the remark after {@code #} ("" when none)
 */
public record ShadowsocksLink(ShadowsocksMethod method, String password, String host, int port, String name) {

    /** The SIP002 link. */
    public String encode() {
        String userInfo = Base64.getUrlEncoder().withoutPadding()
                .encodeToString((linkMethod(method) + ":" + password).getBytes(StandardCharsets.UTF_8));
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "ss://" + userInfo + "@" + h + ":" + port
                + (name.isEmpty() ? "" : "#" + URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20"));
    }

    /** The name SIP002 clients use: libev has no "chacha20-poly1305", only the ietf spelling. */
    static String linkMethod(ShadowsocksMethod m) {
        return m == ShadowsocksMethod.CHACHA20_POLY1305 ? "chacha20-ietf-poly1305" : m.canonical();
    }

    public static ShadowsocksLink decode(String link) throws LinkFormatException {
        String s = link.strip();
        if (!s.regionMatches(true, 0, "ss://", 0, 5)) {
            throw new LinkFormatException("not an ss:// link (it starts with \"" + s.substring(0, Math.min(s.length(), 12)) + "\")");
        }
        String body = s.substring(5);
        String name = "";
        int hash = body.indexOf('#');
        if (hash >= 0) {
            name = percentDecode(body.substring(hash + 1), "the name after #");
            body = body.substring(0, hash);
        }
        if (body.isBlank()) {
            throw new LinkFormatException("the link is empty after ss://");
        }
        int at = body.lastIndexOf('@');
        if (at < 0) {
            // legacy: everything is Base64 of method:password@host:port
            String plain = base64(body, "the text after ss://");
            int a = plain.lastIndexOf('@');
            if (a < 0) {
                throw new LinkFormatException("the legacy ss:// link decodes to no method:password@host:port");
            }
            return of(plain.substring(0, a), plain.substring(a + 1), name);
        }
        String userInfo = body.substring(0, at);
        String rest = body.substring(at + 1);
        int q = rest.indexOf('?');
        String query = q >= 0 ? rest.substring(q + 1) : "";
        String hostPort = (q >= 0 ? rest.substring(0, q) : rest);
        if (hostPort.endsWith("/")) {
            hostPort = hostPort.substring(0, hostPort.length() - 1);
        }
        for (String param : query.split("&")) {
            if (param.regionMatches(true, 0, "plugin=", 0, 7) && param.length() > 7) {
                throw new LinkFormatException("the link needs the SIP003 plugin \"" + percentDecode(param.substring(7), "plugin")
                        + "\", which V2Ray 4.34 does not have");
            }
        }
        String credentials = userInfo.indexOf(':') >= 0 || userInfo.indexOf('%') >= 0
                ? percentDecode(userInfo, "the user info") : base64(userInfo, "the user info before @");
        return of(credentials, hostPort, name);
    }

    private static ShadowsocksLink of(String credentials, String hostPort, String name) throws LinkFormatException {
        int colon = credentials.indexOf(':');
        if (colon < 0) {
            throw new LinkFormatException("the user info is not method:password");
        }
        String methodName = credentials.substring(0, colon);
        ShadowsocksMethod method = ShadowsocksMethod.byName(methodName);
        if (method == null) {
            throw new LinkFormatException("method \"" + methodName + "\" is not one V2Ray 4.34 has (it has "
                    + "aes-128-gcm, aes-256-gcm, chacha20-poly1305 (chacha20-ietf-poly1305), none)");
        }
        String password = credentials.substring(colon + 1);
        if (password.isEmpty()) {
            throw new LinkFormatException("the link has no password; V2Ray 4.34 needs one");
        }
        int portColon = hostPort.lastIndexOf(':');
        if (portColon <= 0) {
            throw new LinkFormatException("\"" + hostPort + "\" is not host:port");
        }
        String host = hostPort.substring(0, portColon);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        int port;
        try {
            port = Integer.parseInt(hostPort.substring(portColon + 1));
        } catch (NumberFormatException e) {
            port = -1;
        }
        if (port < 1 || port > 65535 || host.isEmpty()) {
            throw new LinkFormatException("\"" + hostPort + "\" is not host:port with a port 1-65535");
        }
        return new ShadowsocksLink(method, password, host, port, name);
    }

    private static String base64(String text, String what) throws LinkFormatException {
        String b = text.replaceAll("\\s", "").replace('-', '+').replace('_', '/').replaceAll("=+$", "");
        b = b + "=".repeat((4 - b.length() % 4) % 4);
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(b);
        } catch (IllegalArgumentException e) {
            throw new LinkFormatException(what + " is not Base64 (" + e.getMessage() + ")");
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new LinkFormatException(what + " does not decode to UTF-8 text");
        }
    }

    private static String percentDecode(String text, String what) throws LinkFormatException {
        try {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new LinkFormatException(what + " has a broken %-escape");
        }
    }

    @Override
    public String toString() {
        return "ShadowsocksLink[" + method.canonical() + "@" + host + ":" + port + "]";
    }
}
