package dev.vtool.schema.protocol;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Every {@link ConfigProtocol} on the class path, found with {@link ServiceLoader} in the order of the
 * services files. An id nothing registered is unknown everywhere: lint reports it, run refuses it; no
 * code maps it onto another protocol.
 */
public final class ConfigProtocols {
    private final Map<String, ConfigProtocol> byId = new LinkedHashMap<>();

    private ConfigProtocols(Iterable<ConfigProtocol> protocols) {
        for (ConfigProtocol p : protocols) {
            String id = p.id().toLowerCase(Locale.ROOT);
            ConfigProtocol before = byId.putIfAbsent(id, p);
            if (before != null) {
                throw new IllegalStateException("protocol id \"" + id + "\" is registered twice: by "
                        + before.getClass().getName() + " and " + p.getClass().getName());
            }
        }
    }

    private static final class Holder {
        static final ConfigProtocols DISCOVERED = new ConfigProtocols(
                ServiceLoader.load(ConfigProtocol.class, ConfigProtocols.class.getClassLoader()));
    }

    /** The protocols of this class path (loaded once). */
    public static ConfigProtocols discovered() {
        return Holder.DISCOVERED;
    }

    /** A registry of exactly these protocols (tests). */
    public static ConfigProtocols of(List<ConfigProtocol> protocols) {
        return new ConfigProtocols(protocols);
    }

    /** The protocol {@code id} names on {@code side} (any case), or null when nothing registered it there. */
    public ConfigProtocol find(String id, Side side) {
        if (id == null) {
            return null;
        }
        ConfigProtocol p = byId.get(id.toLowerCase(Locale.ROOT));
        return p != null && p.sides().contains(side) ? p : null;
    }

    /** The ids known on {@code side}, in registration order. */
    public List<String> ids(Side side) {
        List<String> out = new ArrayList<>();
        for (ConfigProtocol p : byId.values()) {
            if (p.sides().contains(side)) {
                out.add(p.id());
            }
        }
        return Collections.unmodifiableList(out);
    }

    public List<ConfigProtocol> all() {
        return List.copyOf(byId.values());
    }
}
