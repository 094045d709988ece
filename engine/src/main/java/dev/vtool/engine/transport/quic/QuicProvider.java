package dev.vtool.engine.transport.quic;

import dev.vtool.engine.transport.TransportProvider;
import dev.vtool.engine.transport.TransportRegistry;

/** Registers {@link QuicTransport} when Netty's native QUIC library (quiche) loads on this platform. */
public final class QuicProvider implements TransportProvider {
    @Override
    public void register(TransportRegistry registry) {
        registry.network(new QuicTransport());
    }
}
