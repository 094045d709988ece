package dev.vtool.engine.transport.tls;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link TlsLayer}. */
public final class TlsProvider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.security(new TlsLayer());
    }
}
