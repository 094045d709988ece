package dev.vtool.schema.link;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * The fields of a v2rayN "version 2" {@code vmess://} share link (docs/spec/v2ray-config.md §7). Every field is a
 * string, "" when unset, exactly as written into the link.
 */
public record VmessLink(String ps, String add, String port, String id, String aid, String scy, String net,
                        String type, String host, String path, String tls, String sni, String alpn) {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    public VmessLink {
        ps = nz(ps);
        add = nz(add);
        port = nz(port);
        id = nz(id);
        aid = nz(aid).isEmpty() ? "0" : aid;
        scy = nz(scy).isEmpty() ? "auto" : scy;
        net = nz(net).isEmpty() ? "tcp" : net;
        type = nz(type).isEmpty() ? "none" : type;
        host = nz(host);
        path = nz(path);
        tls = nz(tls);
        sni = nz(sni);
        alpn = nz(alpn);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The link fields in v2rayN's order, all strings, "v":"2" first. */
    public Map<String, String> fields() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("v", "2");
        m.put("ps", ps);
        m.put("add", add);
        m.put("port", port);
        m.put("id", id);
        m.put("aid", aid);
        m.put("scy", scy);
        m.put("net", net);
        m.put("type", type);
        m.put("host", host);
        m.put("path", path);
        m.put("tls", tls);
        m.put("sni", sni);
        m.put("alpn", alpn);
        return m;
    }

    /** {@code vmess://} + standard Base64 (with padding) of the compact UTF-8 JSON. */
    public String encode() {
        String json = JSON.writeValueAsString(fields());
        return "vmess://" + Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    public boolean usesTls() {
        return tls.equalsIgnoreCase("tls");
    }
}
