package dev.vtool.engine.trojan;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;

/** Registers the {@code trojan} inbound and outbound. */
public final class TrojanProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("trojan", TrojanInbound::create);
        registry.outbound("trojan", TrojanOutbound::create);
    }
}
