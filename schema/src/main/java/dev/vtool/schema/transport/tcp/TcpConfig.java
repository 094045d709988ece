package dev.vtool.schema.transport.tcp;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.HeaderType;
import dev.vtool.schema.transport.NetworkConfig;
import dev.vtool.schema.transport.TransportSettings;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/** Plain TCP, the default network. */
public final class TcpConfig implements NetworkConfig {
    @Override
    public String name() {
        return "tcp";
    }

    @Override
    public List<String> spellings() {
        return List.of("tcp");
    }

    @Override
    public String settingsKey() {
        return "tcpSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public TransportSettings defaults() {
        return TcpSettings.DEFAULT;
    }

    @Override
    public TransportSettings parse(ConfigNode s) throws ConfigModelException {
        String type = HeaderType.read(s, Set.of("none", "http"), "invalid TCP header config");
        HttpHeader http = type.equals("http") ? HttpHeader.parse(s.object("header")) : null;
        return new TcpSettings(type, s.bool("acceptProxyProtocol"), http);
    }

    @Override
    public void refusals(ConfigNode s, TransportSettings parsed, Consumer<ConfigModelException> sink)
            throws ConfigModelException {
    }
}
