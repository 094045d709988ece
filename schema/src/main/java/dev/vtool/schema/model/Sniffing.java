package dev.vtool.schema.model;

import java.util.List;

/** Inbound {@code sniffing}: when enabled, the destination is replaced for the listed protocols ({@code http}, {@code tls}). */
public record Sniffing(boolean enabled, List<String> destOverride) {
    public static final Sniffing OFF = new Sniffing(false, List.of());

    public Sniffing {
        destOverride = List.copyOf(destOverride);
    }
}
