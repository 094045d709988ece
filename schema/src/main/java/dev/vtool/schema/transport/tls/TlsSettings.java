package dev.vtool.schema.transport.tls;

import dev.vtool.schema.transport.SecuritySettings;
import java.util.List;

/**
 * {@code tlsSettings}.
 *
 * @param serverName null when unset (the client then uses the destination's domain)
 * @param alpn       empty when unset (each transport then offers its own default)
 */
public record TlsSettings(boolean allowInsecure, List<TlsCertificate> certificates, String serverName,
                          List<String> alpn, boolean enableSessionResumption, boolean disableSystemRoot)
        implements SecuritySettings {
    public TlsSettings {
        certificates = List.copyOf(certificates);
        alpn = List.copyOf(alpn);
    }

    @Override
    public String security() {
        return "tls";
    }
}
