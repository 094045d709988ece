package dev.vtool.schema.model;

import java.util.List;

/** http outbound: HTTP proxies to tunnel through with CONNECT. */
public record HttpOutboundSettings(List<ProxyServer> servers) implements OutboundSettings {
    public HttpOutboundSettings {
        servers = List.copyOf(servers);
    }
}
