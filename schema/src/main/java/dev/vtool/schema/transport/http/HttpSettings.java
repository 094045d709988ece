package dev.vtool.schema.transport.http;

import dev.vtool.schema.transport.TransportSettings;
import java.util.List;

/**
 * {@code httpSettings} (HTTP/2).
 *
 * @param hosts as written; empty means 4.34's default {@code www.example.com}
 * @param path  as written
 */
public record HttpSettings(List<String> hosts, String path) implements TransportSettings {
    public static final HttpSettings DEFAULT = new HttpSettings(List.of(), "");

    public HttpSettings {
        hosts = List.copyOf(hosts);
    }

    @Override
    public String network() {
        return "http";
    }

    /** The hosts as 4.34 uses them. */
    public List<String> effectiveHosts() {
        return hosts.isEmpty() ? List.of("www.example.com") : hosts;
    }

    /** The path as 4.34 uses it: {@code /} when empty, a leading {@code /} added when missing. */
    public String normalizedPath() {
        return path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    }
}
