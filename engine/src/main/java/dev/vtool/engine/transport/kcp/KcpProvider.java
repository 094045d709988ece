package dev.vtool.engine.transport.kcp;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link KcpTransport}. */
public final class KcpProvider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.network(new KcpTransport());
    }
}
