package dev.vtool.testprotocol.echo.config;

import dev.vtool.schema.model.OutboundSettings;

/** The test protocol's settings: what the outbound answers every connection with. */
public record EchoSettings(String greeting) implements OutboundSettings {
}
