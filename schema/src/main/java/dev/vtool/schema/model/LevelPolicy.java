package dev.vtool.schema.model;

import java.time.Duration;

/**
 * Timeouts and buffer size of one user level ({@code policy.levels}).
 *
 * @param bufferSize bytes buffered per direction of a connection; negative means unlimited
 */
public record LevelPolicy(Duration handshake, Duration connIdle, Duration uplinkOnly, Duration downlinkOnly,
                          long bufferSize) {
    /** 4.34's {@code SessionDefault} on amd64. */
    public static final LevelPolicy DEFAULT = new LevelPolicy(Duration.ofSeconds(60), Duration.ofSeconds(300),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 512 * 1024);
}
