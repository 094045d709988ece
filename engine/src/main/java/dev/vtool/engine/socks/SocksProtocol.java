package dev.vtool.engine.socks;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;
import dev.vtool.schema.protocol.socks.SocksOutboundSettings;

/** Registers the {@code socks} inbound and outbound. */
public final class SocksProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("socks", SocksInbound::new);
        registry.outbound("socks", (config, context) ->
                new SocksOutbound((SocksOutboundSettings) config.settings(), config.sendThrough(), context));
    }
}
