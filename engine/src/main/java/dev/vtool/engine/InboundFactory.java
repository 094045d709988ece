package dev.vtool.engine;

import dev.vtool.schema.model.InboundConfig;

/** Creates the inbound for one config entry of a protocol. */
@FunctionalInterface
public interface InboundFactory {
    InboundHandler create(InboundConfig config, EngineContext context) throws EngineException;
}
