package dev.vtool.engine.transport.websocket;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link WebSocketTransport}. */
public final class WebSocketProvider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.network(new WebSocketTransport());
    }
}
