package dev.vtool.schema.transport.websocket;

import dev.vtool.schema.transport.TransportSettings;
import java.util.Map;

/**
 * {@code wsSettings}.
 *
 * @param path    as written ({@code path}, or the legacy {@code Path} when {@code path} is empty)
 * @param headers extra request headers ({@code Host} among them), in file order
 */
public record WebSocketSettings(String path, Map<String, String> headers, boolean acceptProxyProtocol)
        implements TransportSettings {
    public static final WebSocketSettings DEFAULT = new WebSocketSettings("", Map.of(), false);

    @Override
    public String network() {
        return "websocket";
    }

    /** The path as 4.34 uses it: {@code /} when empty, a leading {@code /} added when missing. */
    public String normalizedPath() {
        return path.isEmpty() ? "/" : path.startsWith("/") ? path : "/" + path;
    }
}
