package dev.vtool.engine.http;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;

/** Registers the {@code http} inbound. */
public final class HttpProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("http", HttpInbound::new);
    }
}
