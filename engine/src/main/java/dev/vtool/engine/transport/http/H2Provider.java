package dev.vtool.engine.transport.http;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link H2Transport}. */
public final class H2Provider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.network(new H2Transport());
    }
}
