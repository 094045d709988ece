package dev.vtool.engine.transport.domainsocket;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link DomainSocketTransport}. */
public final class DomainSocketProvider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.network(new DomainSocketTransport());
    }
}
