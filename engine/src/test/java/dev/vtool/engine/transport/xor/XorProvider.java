package dev.vtool.engine.transport.xor;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link XorTransport} and {@link XorSecurityLayer} (listed in this module's test service file). */
public final class XorProvider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.network(new XorTransport()).security(new XorSecurityLayer());
    }
}
