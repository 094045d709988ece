package dev.vtool.schema.model;

import java.time.Duration;

/**
 * Timeouts, buffer size and traffic counters of one user level ({@code policy.levels}).
 *
 * @param bufferSize        bytes buffered per direction of a connection; negative means unlimited
 * @param statsUserUplink   count {@code user>>>EMAIL>>>traffic>>>uplink} for users of this level (needs {@code stats})
 * @param statsUserDownlink count {@code user>>>EMAIL>>>traffic>>>downlink}
 */
public record LevelPolicy(Duration handshake, Duration connIdle, Duration uplinkOnly, Duration downlinkOnly,
                          long bufferSize, boolean statsUserUplink, boolean statsUserDownlink) {
    /** 4.34's {@code SessionDefault} on amd64. */
    public static final LevelPolicy DEFAULT = new LevelPolicy(Duration.ofSeconds(60), Duration.ofSeconds(300),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 512 * 1024);

    /** A level without user counters. */
    public LevelPolicy(Duration handshake, Duration connIdle, Duration uplinkOnly, Duration downlinkOnly,
                       long bufferSize) {
        this(handshake, connIdle, uplinkOnly, downlinkOnly, bufferSize, false, false);
    }

    /** The same level with another idle timeout (an inbound's own {@code timeout} setting). */
    public LevelPolicy withConnIdle(Duration idle) {
        return new LevelPolicy(handshake, idle, uplinkOnly, downlinkOnly, bufferSize, statsUserUplink,
                statsUserDownlink);
    }
}
