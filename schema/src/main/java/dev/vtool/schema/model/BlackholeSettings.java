package dev.vtool.schema.model;

/** blackhole outbound: close at once, or answer HTTP 403 first ({@code response.type: "http"}). */
public record BlackholeSettings(boolean httpResponse) implements OutboundSettings {
}
