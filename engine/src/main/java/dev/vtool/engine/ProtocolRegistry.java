package dev.vtool.engine;

import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * The engine side of the protocol seam: factories by protocol id ({@code socks}, {@code freedom}, …) as in
 * V2Ray's config, registered by each protocol package's {@link ProtocolProvider}. The config side
 * ({@code dev.vtool.schema.protocol.ConfigProtocols}) decides which ids exist and are runnable; every
 * runnable one has a factory here.
 */
public final class ProtocolRegistry {
    private final Map<String, InboundFactory> inbounds = new HashMap<>();
    private final Map<String, OutboundFactory> outbounds = new HashMap<>();

    /** Every provider on the class path. */
    public static ProtocolRegistry discover() {
        ProtocolRegistry r = new ProtocolRegistry();
        for (ProtocolProvider p : ServiceLoader.load(ProtocolProvider.class, ProtocolRegistry.class.getClassLoader())) {
            p.register(r);
        }
        return r;
    }

    public ProtocolRegistry inbound(String protocol, InboundFactory factory) {
        inbounds.put(protocol, factory);
        return this;
    }

    public ProtocolRegistry outbound(String protocol, OutboundFactory factory) {
        outbounds.put(protocol, factory);
        return this;
    }

    public InboundFactory inbound(String protocol) {
        return inbounds.get(protocol);
    }

    public OutboundFactory outbound(String protocol) {
        return outbounds.get(protocol);
    }

    /** The inbound protocol ids registered. */
    public java.util.Set<String> inboundIds() {
        return java.util.Set.copyOf(inbounds.keySet());
    }

    /** The outbound protocol ids registered. */
    public java.util.Set<String> outboundIds() {
        return java.util.Set.copyOf(outbounds.keySet());
    }
}
