package dev.vtool.schema.transport;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.text.V2rayMessages;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads {@code streamSettings} of inbounds and outbounds as V2Ray 4.34 builds them: the stream's own
 * settings object for a network wins, else the top-level {@code transport} section's (4.34 copies
 * {@code tcpSettings}, {@code kcpSettings}, {@code wsSettings}, {@code httpSettings} and
 * {@code dsSettings} from there, not {@code quicSettings}), else the network's defaults. Every settings
 * object present is read and checked, as 4.34 builds them all, whichever network carries.
 *
 * <p>Errors (what 4.34 would reject) are thrown. What 4.34 runs but vtool cannot run yet is reported by
 * name to the caller's sink, without throwing, so that every refusal of a config can be listed at once;
 * a refusal inside the {@code transport} section is reported once, however many streams use it.
 */
public final class StreamSettingsParser {
    private final TransportConfigs configs;
    private final ConfigNode transportSection;
    private final Set<String> reported = new HashSet<>();

    /**
     * @param transportSection the top-level {@code transport} object of the (merged) config, or null
     */
    public StreamSettingsParser(ConfigNode transportSection) {
        this(TransportConfigs.standard(), transportSection);
    }

    public StreamSettingsParser(TransportConfigs configs, ConfigNode transportSection) {
        this.configs = configs;
        this.transportSection = transportSection;
    }

    /** The stream settings of one inbound or outbound object ({@code owner} holds {@code streamSettings}). */
    public StreamSettings parse(ConfigNode owner, Consumer<ConfigModelException> refusals)
            throws ConfigModelException {
        Consumer<ConfigModelException> once = e -> {
            if (reported.add(e.describe())) {
                refusals.accept(e);
            }
        };
        ConfigNode ss = owner.object("streamSettings");
        ConfigNode networkNode = ss == null ? null : ss.get("network");
        String spelling = ss == null ? "tcp" : ss.string("network", "tcp");
        NetworkConfig network = configs.network(spelling);
        if (network == null) {
            throw networkNode.error(V2rayMessages.unknownTransportProtocol(spelling));
        }
        SecuritySettings security = security(ss, once);
        TransportSettings effective = null;
        for (NetworkConfig candidate : configs.networks()) {
            ConfigNode node = settingsNode(ss, candidate);
            TransportSettings parsed = node == null ? null : candidate.parse(node);
            if (candidate == network) {
                effective = parsed != null ? parsed : network.defaults();
                if (!network.runnable()) {
                    once.accept(NetworkConfig.notSupported(networkNode, spelling));
                } else if (node != null) {
                    network.refusals(node, parsed, once);
                }
            }
        }
        SocketSettings sockopt = SocketSettings.DEFAULT;
        ConfigNode so = ss == null ? null : ss.object("sockopt");
        if (so != null) {
            sockopt = SocketSettings.parse(so);
        }
        return new StreamSettings(network.name(), effective, security, sockopt, ss == null ? null : ss.pointer());
    }

    private ConfigNode settingsNode(ConfigNode ss, NetworkConfig network) throws ConfigModelException {
        ConfigNode own = ss == null ? null : ss.object(network.settingsKey());
        if (own != null || transportSection == null || !network.inTransportSection()) {
            return own;
        }
        return transportSection.object(network.settingsKey());
    }

    private SecuritySettings security(ConfigNode ss, Consumer<ConfigModelException> refusals)
            throws ConfigModelException {
        if (ss == null) {
            return null;
        }
        String name = ss.string("security", "");
        SecurityConfig layer = configs.security(name);
        if (layer == null) {
            return null; // 4.34: anything but "tls" is no security
        }
        ConfigNode node = ss.object(layer.settingsKey());
        ConfigNode settingsNode = node != null ? node : ss.emptyObject(layer.settingsKey());
        SecuritySettings settings = layer.parse(settingsNode);
        if (!layer.runnable()) {
            refusals.accept(NetworkConfig.notSupported(ss.get("security"), name));
        } else {
            layer.refusals(settingsNode, settings, refusals);
        }
        return settings;
    }
}
