package dev.vtool.schema.transport.websocket;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.NetworkConfig;
import dev.vtool.schema.transport.TransportSettings;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** WebSocket. */
public final class WebSocketConfig implements NetworkConfig {
    @Override
    public String name() {
        return "websocket";
    }

    @Override
    public List<String> spellings() {
        return List.of("ws", "websocket");
    }

    @Override
    public String settingsKey() {
        return "wsSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public void refusals(ConfigNode s, TransportSettings parsed, Consumer<ConfigModelException> sink) {
    }

    @Override
    public TransportSettings defaults() {
        return WebSocketSettings.DEFAULT;
    }

    @Override
    public TransportSettings parse(ConfigNode s) throws ConfigModelException {
        String path = s.string("path", "");
        var legacy = s.json().get("Path"); // 4.34 keeps the old misspelt key as a second field
        if (path.isEmpty() && legacy != null && legacy.isString()) {
            path = legacy.asString();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        ConfigNode h = s.object("headers");
        if (h != null) {
            for (var e : h.json().properties()) {
                if (!e.getValue().isString()) {
                    throw h.get(e.getKey()).error(h.path() + "." + e.getKey() + ": expected a string");
                }
                headers.put(e.getKey(), e.getValue().asString());
            }
        }
        return new WebSocketSettings(path, headers, s.bool("acceptProxyProtocol"));
    }
}
