package dev.vtool.schema.model;

import dev.vtool.schema.transport.StreamSettings;

/**
 * One inbound.
 *
 * @param listen         IP literal to bind, or null for all addresses, or a unix socket ({@code /path},
 *                       {@code @abstract}, {@code @@padded-abstract}; then {@code ports} is 0-0)
 * @param streamSettings how its connections are carried (network, security, socket options)
 * @param pointer        JSON Pointer of this inbound in its file, for messages
 * @param allocation     which ports of {@code ports} it listens on, and when
 */
public record InboundConfig(String tag, String listen, PortRange ports, String protocol, InboundSettings settings,
                            Sniffing sniffing, StreamSettings streamSettings, String pointer, Allocation allocation) {
    public InboundConfig {
        // 4.34 (proxyman's inbound handler): an inbound that receives original destinations (dokodemo-door's
        // followRedirect) reads them as "redirect" unless sockopt.tproxy says "tproxy"
        if (settings != null && settings.receivesOriginalDestination() && streamSettings != null
                && "off".equals(streamSettings.sockopt().tproxy())) {
            streamSettings = new StreamSettings(streamSettings.network(), streamSettings.transport(),
                    streamSettings.security(), streamSettings.sockopt().withTproxy("redirect"), streamSettings.pointer());
        }
    }

    public InboundConfig(String tag, String listen, PortRange ports, String protocol, InboundSettings settings,
                         Sniffing sniffing, StreamSettings streamSettings, String pointer) {
        this(tag, listen, ports, protocol, settings, sniffing, streamSettings, pointer, Allocation.ALWAYS);
    }

    /** Whether {@code listen} names a unix socket, as 4.34 decides it (a leading {@code /} or {@code @}). */
    public boolean listensOnUnixSocket() {
        return listen != null && (listen.startsWith("/") || listen.startsWith("@"));
    }
}
