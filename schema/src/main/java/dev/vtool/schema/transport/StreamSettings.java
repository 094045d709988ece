package dev.vtool.schema.transport;

/**
 * How an inbound's or outbound's connections are carried ({@code streamSettings}, with the top-level
 * {@code transport} section's per-network defaults and 4.34's own defaults applied).
 *
 * @param network   canonical name of the carrying network ({@code tcp} when unset)
 * @param transport that network's effective settings
 * @param security  the security layer's settings, or null for none
 * @param sockopt   socket options
 * @param pointer   JSON Pointer of the {@code streamSettings} object, or null when it is absent
 */
public record StreamSettings(String network, TransportSettings transport, SecuritySettings security,
                             SocketSettings sockopt, String pointer) {
    /** Plain TCP without security: what an inbound or outbound without {@code streamSettings} uses. */
    public static StreamSettings plainTcp() {
        return new StreamSettings("tcp", TransportConfigs.standard().network("tcp").defaults(), null,
                SocketSettings.DEFAULT, null);
    }

    /** The security layer's name, or null for none. */
    public String securityName() {
        return security == null ? null : security.security();
    }
}
