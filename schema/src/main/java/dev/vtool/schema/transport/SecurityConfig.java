package dev.vtool.schema.transport;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;

/**
 * The config side of one security layer ({@code streamSettings.security}), listed in
 * {@code META-INF/services/dev.vtool.schema.transport.SecurityConfig}. 4.34 knows only {@code tls}
 * (matched case-insensitively); any other value means no security, silently.
 */
public interface SecurityConfig {
    /** Lower-case name, as {@code security} selects it. */
    String name();

    /** The key of its settings object in {@code streamSettings} ({@code tlsSettings}). */
    String settingsKey();

    /** Whether {@code vtool run} can apply this layer yet; if not, choosing it is refused by name. */
    boolean runnable();

    /** Reads its settings object (an empty object when absent, as 4.34 then uses all defaults). */
    SecuritySettings parse(ConfigNode settings) throws ConfigModelException;
}
