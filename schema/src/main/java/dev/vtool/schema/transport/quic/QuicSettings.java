package dev.vtool.schema.transport.quic;

import dev.vtool.schema.transport.TransportSettings;

/**
 * {@code quicSettings}.
 *
 * @param security   packet encryption: {@code none}, {@code aes-128-gcm} or {@code chacha20-poly1305}
 *                   (4.34 reads any other value as none)
 * @param headerType packet header camouflage, as for mKCP
 */
public record QuicSettings(String security, String key, String headerType) implements TransportSettings {
    public static final QuicSettings DEFAULT = new QuicSettings("none", "", "none");

    @Override
    public String network() {
        return "quic";
    }
}
