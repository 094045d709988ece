package dev.vtool.engine.transport;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/** Stream transports by network name and security layers by name, as {@code streamSettings} selects them. */
public final class TransportRegistry {
    private final Map<String, StreamTransport> networks = new HashMap<>();
    private final Map<String, SecurityLayer> securities = new HashMap<>();

    /** Every provider on the class path. */
    public static TransportRegistry discover() {
        TransportRegistry r = new TransportRegistry();
        for (TransportProvider p : ServiceLoader.load(TransportProvider.class,
                TransportRegistry.class.getClassLoader())) {
            p.register(r);
        }
        return r;
    }

    public TransportRegistry network(StreamTransport transport) {
        if (networks.putIfAbsent(transport.network(), transport) != null) {
            throw new IllegalStateException("transport " + transport.network() + " is registered twice");
        }
        return this;
    }

    public TransportRegistry security(SecurityLayer layer) {
        if (securities.putIfAbsent(layer.name(), layer) != null) {
            throw new IllegalStateException("security layer " + layer.name() + " is registered twice");
        }
        return this;
    }

    /** The transport for a canonical network name, or null. */
    public StreamTransport network(String name) {
        return networks.get(name);
    }

    /** The security layer of that name, or null. */
    public SecurityLayer security(String name) {
        return securities.get(name);
    }
}
