package dev.vtool.schema.transport.domainsocket;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.NetworkConfig;
import dev.vtool.schema.transport.TransportSettings;
import java.util.List;

/** Unix domain sockets ({@code network} {@code ds} or {@code domainsocket}). */
public final class DomainSocketConfig implements NetworkConfig {
    @Override
    public String name() {
        return "domainsocket";
    }

    @Override
    public List<String> spellings() {
        return List.of("ds", "domainsocket");
    }

    @Override
    public String settingsKey() {
        return "dsSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public TransportSettings defaults() {
        return DomainSocketSettings.DEFAULT;
    }

    @Override
    public TransportSettings parse(ConfigNode s) throws ConfigModelException {
        return new DomainSocketSettings(s.string("path", ""), s.bool("abstract"), s.bool("padding"));
    }

    /**
     * A padded abstract name is 4.34's whole 108-byte {@code sun_path} (NUL, the name, NULs), and the kernel
     * tells abstract names apart by their length too, so only a 108-byte address reaches a 4.34 peer.
     * Netty 4.2.18's native bind and connect refuse a 108-byte path (ENAMETOOLONG: they look for a
     * terminator past it), the JDK's unix sockets have no abstract names, and libc's bind through the FFM
     * API needs Java 22 (the build targets 17). Refused by name (docs/mux-and-sockets.md).
     */
    @Override
    public void refusals(ConfigNode s, TransportSettings parsed, java.util.function.Consumer<ConfigModelException> sink)
            throws ConfigModelException {
        DomainSocketSettings ds = (DomainSocketSettings) parsed;
        if (ds.abstractName() && ds.padding()) {
            sink.accept(NetworkConfig.notSupported(s.get("padding"), null));
        }
    }
}
