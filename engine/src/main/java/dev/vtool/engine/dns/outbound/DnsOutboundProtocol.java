package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;
import dev.vtool.schema.protocol.dns.DnsOutboundSettings;

/** Registers the {@code dns} outbound. */
public final class DnsOutboundProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.outbound("dns", (config, context) ->
                new DnsOutbound((DnsOutboundSettings) config.settings(), context));
    }
}
