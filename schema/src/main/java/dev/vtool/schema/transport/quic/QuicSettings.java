package dev.vtool.schema.transport.quic;

import dev.vtool.schema.transport.TransportSettings;

/**
 * {@code quicSettings}.
 *
 * @param security   packet encryption: {@code none}, {@code aes-128-gcm} or {@code chacha20-poly1305}
 *                   (4.34 reads any other value in an object as none; see {@link #DEFAULT})
 * @param headerType packet header camouflage, as for mKCP
 */
public record QuicSettings(String security, String key, String headerType) implements TransportSettings {
    /**
     * Without a {@code quicSettings} object 4.34 has no security config at all, and Go's
     * {@code GetSecurityType} reads a missing one as AUTO: AES-128-GCM on amd64/arm64/s390x, keyed with the
     * empty key. An object without {@code security} is {@code none}.
     */
    public static final QuicSettings DEFAULT = new QuicSettings("aes-128-gcm", "", "none");

    @Override
    public String network() {
        return "quic";
    }
}
