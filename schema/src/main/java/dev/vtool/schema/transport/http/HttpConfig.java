package dev.vtool.schema.transport.http;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.NetworkConfig;
import dev.vtool.schema.transport.TransportSettings;
import java.util.List;

/** HTTP/2 ({@code network} {@code h2} or {@code http}): one request stream per connection, over TLS. */
public final class HttpConfig implements NetworkConfig {
    @Override
    public String name() {
        return "http";
    }

    @Override
    public List<String> spellings() {
        return List.of("h2", "http");
    }

    @Override
    public String settingsKey() {
        return "httpSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public TransportSettings defaults() {
        return HttpSettings.DEFAULT;
    }

    @Override
    public TransportSettings parse(ConfigNode s) throws ConfigModelException {
        return new HttpSettings(s.stringList("host"), s.string("path", ""));
    }
}
