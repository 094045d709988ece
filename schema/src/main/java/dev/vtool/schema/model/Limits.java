package dev.vtool.schema.model;

import java.time.Duration;

/**
 * {@code policy.limits}: resource caps V2Ray does not have (a vtool extension; V2Ray ignores the key).
 * Defaults are generous so that ordinary use never meets them.
 *
 * @param maxConnections          TCP connections open at once over all inbounds
 * @param maxConnectionsPerSource TCP connections open at once from one client IP
 * @param httpMaxHeaderSize       bytes of request line plus headers the http inbound reads
 * @param udpMaxSessions          UDP flows (client address and destination) per inbound
 * @param udpMaxSessionsPerSource UDP flows per client IP per inbound
 * @param udpSessionIdle          a UDP flow without traffic for this long is dropped
 */
public record Limits(int maxConnections, int maxConnectionsPerSource, int httpMaxHeaderSize, int udpMaxSessions,
                     int udpMaxSessionsPerSource, Duration udpSessionIdle) {
    public static final Limits DEFAULT = new Limits(16384, 1024, 65536, 4096, 512, Duration.ofSeconds(60));
}
