package dev.vtool.engine.vmess;

import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;
import dev.vtool.engine.vmess.inbound.VmessInbound;
import dev.vtool.engine.vmess.outbound.VmessOutbound;

/** Registers the {@code vmess} inbound and outbound. */
public final class VmessProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.inbound("vmess", VmessInbound::create);
        registry.outbound("vmess", VmessOutbound::create);
    }
}
