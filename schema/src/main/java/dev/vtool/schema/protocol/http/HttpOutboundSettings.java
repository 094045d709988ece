package dev.vtool.schema.protocol.http;

import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.model.ProxyServer;
import java.util.List;

/** http outbound: HTTP proxies to tunnel through with CONNECT. */
public record HttpOutboundSettings(List<ProxyServer> servers) implements OutboundSettings {
    public HttpOutboundSettings {
        servers = List.copyOf(servers);
    }
}
