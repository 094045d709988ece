package dev.vtool.schema.transport.tls;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.SecurityConfig;
import dev.vtool.schema.transport.SecuritySettings;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * TLS ({@code "security": "tls"}). Every certificate entry is loaded and checked while the config is read
 * (the engine then uses what was loaded, {@link TlsCertificate#material()}), so a missing file, a key that is not the certificate's or an expired certificate is an error at its
 * place before anything listens. A CA with {@code usage: "issue"} must come with its key.
 */
public final class TlsConfig implements SecurityConfig {
    @Override
    public String name() {
        return "tls";
    }

    @Override
    public String settingsKey() {
        return "tlsSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public SecuritySettings parse(ConfigNode s) throws ConfigModelException {
        List<TlsCertificate> certificates = new ArrayList<>();
        for (ConfigNode c : s.array("certificates")) {
            certificates.add(certificate(c));
        }
        String serverName = s.string("serverName", "");
        return new TlsSettings(s.bool("allowInsecure"), certificates, serverName.isEmpty() ? null : serverName,
                s.stringList("alpn"), s.bool("enableSessionResumption"), s.bool("disableSystemRoot"));
    }

    private static TlsCertificate certificate(ConfigNode c) throws ConfigModelException {
        String certFile = c.string("certificateFile", "");
        List<String> cert = lines(c, "certificate");
        if (certFile.isEmpty() && cert.isEmpty()) {
            throw c.error("Failed to build TLS config. > failed to parse certificate > both file and bytes are empty.");
        }
        String usage = switch (c.string("usage", "").toLowerCase(Locale.ROOT)) {
            case "verify" -> "verify";
            case "issue" -> "issue";
            default -> "encipherment";
        };
        TlsCertificate entry = new TlsCertificate(certFile, cert, c.string("keyFile", ""), lines(c, "key"), usage,
                null);
        try {
            return entry.withMaterial(TlsMaterial.load(entry, usage.equals("issue")));
        } catch (TlsMaterial.Invalid e) {
            throw at(c, e.part()).error("Failed to build TLS config. > " + e.getMessage());
        }
    }

    /** The key that supplied the part in trouble: the file name when one is given, else the inline lines. */
    private static ConfigNode at(ConfigNode entry, String part) {
        for (String key : new String[] {part + "File", part}) {
            ConfigNode n = entry.get(key);
            if (n != null) {
                return n;
            }
        }
        return entry;
    }

    /** A Go {@code []string}: an array of strings (not V2Ray's comma-separated StringList). */
    private static List<String> lines(ConfigNode c, String key) throws ConfigModelException {
        List<String> out = new ArrayList<>();
        for (ConfigNode line : c.array(key)) {
            if (!line.json().isString()) {
                throw line.error(line.path() + ": expected a string");
            }
            out.add(line.json().asString());
        }
        return out;
    }
}
