package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;

/** Registers the {@code shadowsocks} inbound and outbound. */
public final class ShadowsocksProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("shadowsocks", ShadowsocksInbound::create);
        registry.outbound("shadowsocks", ShadowsocksOutbound::create);
    }
}
