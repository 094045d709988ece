package dev.vtool.schema.transport.tls;

import java.util.List;

/**
 * One entry of {@code tlsSettings.certificates}: PEM from a file or inline lines (4.34 prefers the file).
 *
 * @param usage    {@code encipherment} (default), {@code verify} or {@code issue}
 * @param material the certificates and key as loaded and checked when the config was read (so the engine
 *                 neither reads the files again nor sees them change in between); null until then
 */
public record TlsCertificate(String certificateFile, List<String> certificate, String keyFile, List<String> key,
                             String usage, TlsMaterial material) {
    public TlsCertificate {
        certificate = List.copyOf(certificate);
        key = List.copyOf(key);
    }

    /** This entry with its loaded material. */
    public TlsCertificate withMaterial(TlsMaterial loaded) {
        return new TlsCertificate(certificateFile, certificate, keyFile, key, usage, loaded);
    }
}
