package dev.vtool.engine.transport.xor;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.NetworkConfig;
import dev.vtool.schema.transport.TransportSettings;
import java.util.List;

/** The config side of the test-only {@code xor} network (listed in this module's test service files). */
public final class XorNetworkConfig implements NetworkConfig {
    @Override
    public String name() {
        return "xor";
    }

    @Override
    public List<String> spellings() {
        return List.of("xor");
    }

    @Override
    public String settingsKey() {
        return "xorSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public TransportSettings defaults() {
        return XorSettings.DEFAULT;
    }

    @Override
    public TransportSettings parse(ConfigNode s) throws ConfigModelException {
        return new XorSettings((int) s.number("key", XorSettings.DEFAULT.key(), 1, 255));
    }
}
