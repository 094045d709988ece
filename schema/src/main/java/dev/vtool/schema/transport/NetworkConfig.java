package dev.vtool.schema.transport;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import java.util.List;
import java.util.function.Consumer;

/**
 * The config side of one network of {@code streamSettings} (one package per network, listed in
 * {@code META-INF/services/dev.vtool.schema.transport.NetworkConfig}): the spellings {@code network}
 * accepts, the key of its settings object and how that object is read, with V2Ray 4.34's defaults and
 * positioned errors. The engine side of the same network registers a transport under {@link #name()}.
 */
public interface NetworkConfig {
    /** Canonical name, as 4.34 names the network internally ({@code tcp}, {@code mkcp}, {@code websocket}). */
    String name();

    /** Lower-case values of {@code streamSettings.network} that select this network ({@code kcp}, {@code mkcp}). */
    List<String> spellings();

    /** The key of its settings in {@code streamSettings} and in the top-level {@code transport} section. */
    String settingsKey();

    /** Whether the top-level {@code transport} section supplies defaults for it (4.34 skips {@code quicSettings}). */
    default boolean inTransportSection() {
        return true;
    }

    /** Whether {@code vtool run} can carry connections on this network yet; if not, choosing it is refused by name. */
    boolean runnable();

    /** The settings when neither the stream nor the {@code transport} section sets any. */
    TransportSettings defaults();

    /** Reads a settings object; what 4.34 rejects is an error at its place. */
    TransportSettings parse(ConfigNode settings) throws ConfigModelException;

    /**
     * Reports, each by name, what these settings ask for that vtool cannot run yet. Only called for the
     * network that carries the connections, with the settings object as written.
     */
    default void refusals(ConfigNode settings, TransportSettings parsed, Consumer<ConfigModelException> sink)
            throws ConfigModelException {
    }

    /** A refusal in the house wording: {@code path "value" is not supported by vtool yet}. */
    static ConfigModelException notSupported(ConfigNode at, String value) {
        return at.error(at.path() + (value == null ? "" : " \"" + value + "\"") + " is not supported by vtool yet");
    }
}
