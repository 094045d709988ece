package dev.vtool.schema.pair;

import dev.vtool.schema.json.ConfigDocument;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * A certificate named in a tlsSettings.certificates entry (file or inline PEM lines), with what TLS
 * verification in Go 1.19 (the toolchain of Debian's v2ray 4.34) looks at: the SAN names only (the
 * Common Name is not used), and whether it signed itself.
 */
record ServerCertificate(X509Certificate cert, List<String> dnsNames, List<String> ipNames) {

    /** Reading a certificate either gives one or says why not. */
    record Loaded(ServerCertificate certificate, String problem) {
    }

    /**
     * Loads the certificate of {@code entry} (a pointer to one certificates[] element). Relative file
     * names are tried next to the config file first, then in the working directory.
     */
    static Loaded load(ConfigDocument doc, String entry) {
        byte[] pem;
        String file = Nodes.text(doc.at(entry + "/certificateFile"));
        JsonNode inline = doc.at(entry + "/certificate");
        if (file != null && !file.isEmpty()) {
            Path path = resolve(doc, file);
            try {
                pem = Files.readAllBytes(path);
            } catch (IOException e) {
                return new Loaded(null, "cannot read certificate file " + file + " (" + e.getClass().getSimpleName()
                        + ")");
            }
        } else if (inline.isArray()) {
            pem = String.join("\n", Nodes.strings(inline, false)).getBytes(StandardCharsets.UTF_8);
        } else {
            return new Loaded(null, "the entry names no certificateFile and no certificate lines");
        }
        try {
            Collection<? extends java.security.cert.Certificate> certs = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem));
            if (certs.isEmpty()) {
                return new Loaded(null, "no PEM certificate found");
            }
            X509Certificate leaf = (X509Certificate) certs.iterator().next();
            return new Loaded(of(leaf), null);
        } catch (GeneralSecurityException | RuntimeException e) {
            return new Loaded(null, "not a readable PEM certificate (" + e.getMessage() + ")");
        }
    }

    static ServerCertificate of(X509Certificate cert) {
        List<String> dns = new ArrayList<>();
        List<String> ips = new ArrayList<>();
        try {
            Collection<List<?>> sans = cert.getSubjectAlternativeNames();
            if (sans != null) {
                for (List<?> san : sans) {
                    int type = (Integer) san.get(0);
                    if (type == 2) {
                        dns.add(String.valueOf(san.get(1)).toLowerCase(Locale.ROOT));
                    } else if (type == 7) {
                        ips.add(String.valueOf(san.get(1)));
                    }
                }
            }
        } catch (java.security.cert.CertificateParsingException e) {
            // no usable SANs: the certificate covers no name
        }
        return new ServerCertificate(cert, dns, ips);
    }

    private static Path resolve(ConfigDocument doc, String file) {
        Path p = Path.of(file);
        if (p.isAbsolute()) {
            return p;
        }
        Path dir = Path.of(doc.source().name()).toAbsolutePath().getParent();
        if (dir != null && Files.exists(dir.resolve(p))) {
            return dir.resolve(p);
        }
        return p;
    }

    /** Whether the name (a host name or an IP literal) is covered by a SAN, with one-label wildcards. */
    boolean covers(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        if (HostNames.isIpLiteral(n)) {
            String canonical = HostNames.canonicalIp(n);
            for (String ip : ipNames) {
                if (HostNames.canonicalIp(ip).equals(canonical)) {
                    return true;
                }
            }
            return false;
        }
        for (String d : dnsNames) {
            if (d.equals(n)) {
                return true;
            }
            if (d.startsWith("*.")) {
                int dot = n.indexOf('.');
                if (dot > 0 && n.substring(dot).equals(d.substring(1))) {
                    return true;
                }
            }
        }
        return false;
    }

    List<String> names() {
        List<String> all = new ArrayList<>(dnsNames);
        all.addAll(ipNames);
        return all;
    }

    /** Issuer equals subject and its own key verifies the signature. */
    boolean selfSigned() {
        if (!cert.getIssuerX500Principal().equals(cert.getSubjectX500Principal())) {
            return false;
        }
        try {
            cert.verify(cert.getPublicKey());
            return true;
        } catch (GeneralSecurityException e) {
            return false;
        }
    }
}
