package dev.vtool.schema.transport.quic;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.HeaderType;
import dev.vtool.schema.transport.NetworkConfig;
import dev.vtool.schema.transport.TransportSettings;
import java.util.List;
import java.util.Locale;

/** QUIC (4.34's quic-go speaks QUIC v1 with TLS 1.3 and its own packet protection underneath). */
public final class QuicConfig implements NetworkConfig {
    @Override
    public String name() {
        return "quic";
    }

    @Override
    public List<String> spellings() {
        return List.of("quic");
    }

    @Override
    public String settingsKey() {
        return "quicSettings";
    }

    /** 4.34's {@code applyTransportConfig} copies every network's defaults but QUIC's. */
    @Override
    public boolean inTransportSection() {
        return false;
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public TransportSettings defaults() {
        return QuicSettings.DEFAULT;
    }

    @Override
    public TransportSettings parse(ConfigNode s) throws ConfigModelException {
        String security = switch (s.string("security", "").toLowerCase(Locale.ROOT)) {
            case "aes-128-gcm" -> "aes-128-gcm";
            case "chacha20-poly1305" -> "chacha20-poly1305";
            default -> "none";
        };
        return new QuicSettings(security, s.string("key", ""),
                HeaderType.read(s, HeaderType.PACKET, "invalid QUIC header config."));
    }
}
