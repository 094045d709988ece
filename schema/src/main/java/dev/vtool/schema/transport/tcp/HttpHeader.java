package dev.vtool.schema.transport.tcp;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * {@code tcpSettings.header} of type {@code http}: the request a client sends before its first bytes and
 * the response a server sends before its first bytes, with 4.34's defaults
 * ({@code infra/conf/transport_authenticators.go}). Each header has a list of values of which one is picked
 * at random per connection, as is one of the request paths. Headers the config names replace the default
 * list entirely and are written in name order (4.34 sorts the map's keys).
 */
public record HttpHeader(Request request, Response response) {
    public record Field(String name, List<String> values) {
        public Field {
            values = List.copyOf(values);
        }
    }

    public record Request(String version, String method, List<String> paths, List<Field> headers) {
        public Request {
            paths = List.copyOf(paths);
            headers = List.copyOf(headers);
        }
    }

    /** @param status and {@code reason}: 200 OK unless the config sets either */
    public record Response(String version, String status, String reason, List<Field> headers) {
        public Response {
            headers = List.copyOf(headers);
        }
    }

    static final List<Field> DEFAULT_REQUEST_HEADERS = List.of(
            new Field("Host", List.of("www.baidu.com", "www.bing.com")),
            new Field("User-Agent", List.of(
                    "Mozilla/5.0 (Windows NT 10.0; WOW64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/53.0.2785.143 Safari/537.36",
                    "Mozilla/5.0 (iPhone; CPU iPhone OS 10_0_2 like Mac OS X) AppleWebKit/601.1 (KHTML, like Gecko) CriOS/53.0.2785.109 Mobile/14A456 Safari/601.1.46")),
            new Field("Accept-Encoding", List.of("gzip, deflate")),
            new Field("Connection", List.of("keep-alive")),
            new Field("Pragma", List.of("no-cache")));

    static final List<Field> DEFAULT_RESPONSE_HEADERS = List.of(
            new Field("Content-Type", List.of("application/octet-stream", "video/mpeg")),
            new Field("Transfer-Encoding", List.of("chunked")),
            new Field("Connection", List.of("keep-alive")),
            new Field("Pragma", List.of("no-cache")),
            new Field("Cache-Control", List.of("private", "no-cache")));

    /** Reads the {@code header} object (its {@code type} already known to be http). */
    static HttpHeader parse(ConfigNode header) throws ConfigModelException {
        ConfigNode req = header.object("request");
        ConfigNode resp = header.object("response");
        Request request = new Request(
                nonEmpty(req, "version", "1.1"), nonEmpty(req, "method", "GET"),
                req == null || goStrings(req, "path").isEmpty() ? List.of("/") : goStrings(req, "path"),
                req == null || fields(req).isEmpty() ? DEFAULT_REQUEST_HEADERS : fields(req));
        String status = resp == null ? "" : resp.string("status", "");
        String reason = resp == null ? "" : resp.string("reason", "");
        Response response = new Response(nonEmpty(resp, "version", "1.1"),
                status.isEmpty() ? "200" : status, reason.isEmpty() ? "OK" : reason,
                resp == null || fields(resp).isEmpty() ? DEFAULT_RESPONSE_HEADERS : fields(resp));
        return new HttpHeader(request, response);
    }

    private static String nonEmpty(ConfigNode n, String key, String fallback) throws ConfigModelException {
        String v = n == null ? "" : n.string(key, "");
        return v.isEmpty() ? fallback : v;
    }

    private static List<Field> fields(ConfigNode n) throws ConfigModelException {
        ConfigNode headers = n.object("headers");
        if (headers == null) {
            return List.of();
        }
        Map<String, List<String>> sorted = new TreeMap<>();
        for (Map.Entry<String, JsonNode> e : headers.json().properties()) {
            if (e.getValue().isNull()) {
                throw headers.get(e.getKey()).error("empty HTTP header value: " + e.getKey());
            }
            sorted.put(e.getKey(), goStrings(headers, e.getKey()));
        }
        List<Field> out = new ArrayList<>();
        sorted.forEach((k, v) -> out.add(new Field(k, v)));
        return out;
    }

    /** 4.34's StringList: an array of strings, or one string split at every comma (nothing trimmed). */
    private static List<String> goStrings(ConfigNode n, String key) throws ConfigModelException {
        ConfigNode v = n.get(key);
        if (v == null || v.json().isNull()) {
            return List.of();
        }
        if (v.json().isString()) {
            return List.of(v.json().asString().split(",", -1));
        }
        List<String> out = new ArrayList<>();
        if (v.json().isArray()) {
            for (JsonNode item : v.json()) {
                if (!item.isString()) {
                    throw v.error("unknown format of a string list: " + v.json());
                }
                out.add(item.asString());
            }
            return out;
        }
        throw v.error("unknown format of a string list: " + v.json());
    }
}
