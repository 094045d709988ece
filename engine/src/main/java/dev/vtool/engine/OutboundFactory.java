package dev.vtool.engine;

import dev.vtool.schema.model.OutboundConfig;

/** Creates the outbound for one config entry of a protocol. */
@FunctionalInterface
public interface OutboundFactory {
    OutboundHandler create(OutboundConfig config, EngineContext context) throws EngineException;
}
