package dev.vtool.engine.transport.tcp;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link TcpTransport}. */
public final class TcpProvider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.network(new TcpTransport());
    }
}
