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
     * A padded abstract name fills all 108 bytes of {@code sun_path}; Netty's native bind and connect then
     * read one byte past the name to check for a terminator, so they fail at random. Refused by name.
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
