package dev.vtool.schema.transport;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every network and security layer the config side knows, found with {@link ServiceLoader}: a network
 * package registers itself by listing its {@link NetworkConfig} in
 * {@code META-INF/services/dev.vtool.schema.transport.NetworkConfig}; nothing else names it.
 */
public final class TransportConfigs {
    private static volatile TransportConfigs standard;
    private final List<NetworkConfig> networks = new ArrayList<>();
    private final Map<String, NetworkConfig> bySpelling = new HashMap<>();
    private final Map<String, SecurityConfig> securities = new HashMap<>();

    /** The ones on the class path (loaded once). */
    public static TransportConfigs standard() {
        TransportConfigs s = standard;
        if (s == null) {
            s = new TransportConfigs();
            ClassLoader cl = TransportConfigs.class.getClassLoader();
            for (NetworkConfig n : ServiceLoader.load(NetworkConfig.class, cl)) {
                s.add(n);
            }
            for (SecurityConfig c : ServiceLoader.load(SecurityConfig.class, cl)) {
                s.add(c);
            }
            standard = s;
        }
        return s;
    }

    public TransportConfigs add(NetworkConfig network) {
        for (String spelling : network.spellings()) {
            NetworkConfig old = bySpelling.putIfAbsent(spelling.toLowerCase(Locale.ROOT), network);
            if (old != null && old != network) {
                throw new IllegalStateException("network spelling " + spelling + " is registered by "
                        + old.getClass().getName() + " and " + network.getClass().getName());
            }
        }
        networks.add(network);
        return this;
    }

    public TransportConfigs add(SecurityConfig security) {
        securities.put(security.name().toLowerCase(Locale.ROOT), security);
        return this;
    }

    /** The network a value of {@code streamSettings.network} selects (case-insensitive), or null. */
    public NetworkConfig network(String spelling) {
        return bySpelling.get(spelling.toLowerCase(Locale.ROOT));
    }

    /** The security layer a value of {@code streamSettings.security} selects (case-insensitive), or null for none. */
    public SecurityConfig security(String name) {
        return securities.get(name.toLowerCase(Locale.ROOT));
    }

    /** In registration order: settings objects are read in this order, so the first error is stable. */
    public List<NetworkConfig> networks() {
        return List.copyOf(networks);
    }
}
