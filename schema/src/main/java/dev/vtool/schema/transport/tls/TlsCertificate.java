package dev.vtool.schema.transport.tls;

import java.util.List;

/**
 * One entry of {@code tlsSettings.certificates}: PEM from a file or inline lines (4.34 prefers the file).
 *
 * @param usage {@code encipherment} (default), {@code verify} or {@code issue}
 */
public record TlsCertificate(String certificateFile, List<String> certificate, String keyFile, List<String> key,
                             String usage) {
    public TlsCertificate {
        certificate = List.copyOf(certificate);
        key = List.copyOf(key);
    }
}
