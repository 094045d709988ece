package dev.vtool.schema.protocol.blackhole;

import dev.vtool.schema.model.OutboundSettings;

/** blackhole outbound: close at once, or answer HTTP 403 first ({@code response.type: "http"}). */
public record BlackholeSettings(boolean httpResponse) implements OutboundSettings {
}
