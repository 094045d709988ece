package dev.vtool.schema.model;

import java.util.List;

/**
 * The {@code api} section (4.34's commander): the outbound tag that routing sends API connections to, and
 * the gRPC services served there, lower-cased ({@code handlerservice}, {@code statsservice},
 * {@code loggerservice}, {@code reflectionservice}; 4.34 ignores other names).
 */
public record ApiSettings(String tag, List<String> services) {
    public ApiSettings {
        services = List.copyOf(services);
    }

    public boolean serves(String lowerCaseName) {
        return services.contains(lowerCaseName);
    }
}
