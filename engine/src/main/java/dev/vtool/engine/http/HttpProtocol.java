package dev.vtool.engine.http;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;

/** Registers the {@code http} inbound and outbound. */
public final class HttpProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("http", HttpInbound::new);
        registry.outbound("http", (config, context) -> new HttpOutbound(
                (dev.vtool.schema.protocol.http.HttpOutboundSettings) config.settings(), config.sendThrough(), context));
    }
}
