package dev.vtool.cli;

import dev.vtool.engine.transport.tls.CertificateSigner;
import dev.vtool.schema.transport.tls.TlsCertificate;
import dev.vtool.schema.transport.tls.TlsMaterial;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * `vtool cert`: what `v2ctl cert` does (an ECDSA P-256 certificate, self-signed, a CA with --ca, printed as the
 * JSON lines of a `certificates` entry), and also a leaf signed by your own CA (--issuer-cert/--issuer-key).
 */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = {"Generate a TLS certificate and key as v2ctl cert does (ECDSA P-256; self-signed, a CA with --ca, "
                + "or signed by a CA with --issuer-cert/--issuer-key), printed as JSON that pastes into "
                + "tlsSettings.certificates.",
                "Server with a CA: {\"usage\": \"issue\", ...} signs a leaf per SNI name; clients trust it with "
                + "{\"usage\": \"verify\", \"certificate\": [...]} (no key).",
                "Exit codes: 0 written, 2 bad option or unreadable issuer files."})
public final class CertCommand implements Callable<Integer> {
    private static final Pattern GO_DURATION = Pattern.compile("(\\d+(?:\\.\\d+)?)(d|h|ms|m|s)");

    @Option(names = {"--domain", "-domain"}, paramLabel = "NAME",
            description = "A DNS name the certificate is for (repeatable); also the common name unless --name is given.")
    List<String> domains = new ArrayList<>();

    @Option(names = {"--name", "-name"}, paramLabel = "CN", description = "Common name (default: the first --domain, else \"vtool\").")
    String commonName;

    @Option(names = {"--org", "-org"}, paramLabel = "ORG", description = "Organization (default: none).")
    String organization = "";

    @Option(names = {"--ca", "-ca"}, description = "Make a CA certificate (certSign), for \"usage\": \"issue\" and \"verify\".")
    boolean authority;

    @Option(names = {"--expire", "-expire"}, paramLabel = "DURATION", defaultValue = "2160h",
            description = "Validity from now, as Go writes durations (240h, 90m, 1h30m) or days (90d); default 2160h (90 days, as v2ctl).")
    String expire;

    @Option(names = {"--issuer-cert"}, paramLabel = "FILE", description = "Sign with this CA certificate (PEM) instead of self-signing.")
    Path issuerCert;

    @Option(names = {"--issuer-key"}, paramLabel = "FILE", description = "The CA's private key (PEM: PKCS#8, PKCS#1 or SEC1).")
    Path issuerKey;

    @Option(names = {"--file", "-file"}, paramLabel = "NAME", description = "Also write NAME_cert.pem and NAME_key.pem (as v2ctl).")
    String file;

    @Option(names = {"--json", "-json"}, negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Print the certificate and key as JSON lines (default; --no-json with --file to only write files).")
    boolean json;

    @Override
    public Integer call() {
        Duration validity;
        try {
            validity = duration(expire);
        } catch (IllegalArgumentException e) {
            System.err.println("vtool cert: --expire " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        if ((issuerCert == null) != (issuerKey == null)) {
            System.err.println("vtool cert: --issuer-cert and --issuer-key go together (the CA's certificate and its key)");
            return ExitCodes.USAGE_OR_IO;
        }
        for (String d : domains) {
            if (d.isBlank() || d.chars().anyMatch(c -> c <= ' ' || c == ',' || c == '/')) {
                System.err.println("vtool cert: --domain \"" + d + "\" is not a DNS name");
                return ExitCodes.USAGE_OR_IO;
            }
        }
        TlsMaterial issuer = null;
        if (issuerCert != null) {
            try {
                issuer = TlsMaterial.load(new TlsCertificate(issuerCert.toString(), List.of(), issuerKey.toString(),
                        List.of(), "issue", null), true);
            } catch (TlsMaterial.Invalid e) {
                System.err.println("vtool cert: the issuer's " + e.part() + ": " + e.getMessage());
                return ExitCodes.USAGE_OR_IO;
            }
            if (issuer.chain().get(0).getBasicConstraints() < 0) {
                System.err.println("vtool cert: " + issuerCert + " is not a CA certificate (make one with vtool cert --ca)");
                return ExitCodes.USAGE_OR_IO;
            }
        }
        Instant now = Instant.now();
        String cn = commonName != null ? commonName : domains.isEmpty() ? "vtool" : domains.get(0);
        CertificateSigner.Issued made;
        try {
            // not before one hour ago, like 4.34, so a client whose clock lags a little still accepts it
            made = CertificateSigner.sign(new CertificateSigner.Request(cn, organization, List.copyOf(domains), authority,
                    now.minus(Duration.ofHours(1)), now.plus(validity)),
                    issuer == null ? null : issuer.chain().get(0), issuer == null ? null : issuer.key());
        } catch (GeneralSecurityException e) {
            System.err.println("vtool cert: cannot sign: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        String certPem;
        String keyPem;
        try {
            certPem = pem("CERTIFICATE", made.certificate().getEncoded());
            keyPem = pem("PRIVATE KEY", made.key().getEncoded());
        } catch (GeneralSecurityException e) {
            System.err.println("vtool cert: cannot encode: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        if (file != null) {
            try {
                Files.writeString(Path.of(file + "_cert.pem"), certPem, StandardCharsets.US_ASCII);
                Path key = Path.of(file + "_key.pem");
                Files.deleteIfExists(key);
                Files.createFile(key, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                        java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
                Files.writeString(key, keyPem, StandardCharsets.US_ASCII);
                System.err.println("wrote " + file + "_cert.pem and " + file + "_key.pem (key readable by you only)");
            } catch (IOException | UnsupportedOperationException e) {
                System.err.println("vtool cert: cannot write " + file + "_cert.pem / _key.pem: " + e.getMessage());
                return ExitCodes.USAGE_OR_IO;
            }
        }
        if (json) {
            System.out.print(jsonLines(certPem, keyPem));
            System.out.flush();
        }
        return ExitCodes.OK;
    }

    /** Go's time.ParseDuration for the units a validity needs (h, m, s, ms), plus d for days. */
    static Duration duration(String text) {
        Matcher m = GO_DURATION.matcher(text);
        Duration total = Duration.ZERO;
        int at = 0;
        while (m.find() && m.start() == at) {
            double n = Double.parseDouble(m.group(1));
            long millis = switch (m.group(2)) {
                case "d" -> 86_400_000L;
                case "h" -> 3_600_000L;
                case "m" -> 60_000L;
                case "s" -> 1_000L;
                default -> 1L;
            };
            total = total.plusMillis(Math.round(n * millis));
            at = m.end();
        }
        if (at != text.length() || text.isEmpty()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration (e.g. 240h, 90d, 1h30m)");
        }
        if (total.isZero()) {
            throw new IllegalArgumentException("\"" + text + "\" is zero: the certificate would already be expired");
        }
        return total;
    }

    static String pem(String type, byte[] der) {
        String b64 = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
        return "-----BEGIN " + type + "-----\n" + b64 + "\n-----END " + type + "-----\n";
    }

    /** v2ctl's layout: {"certificate": [lines], "key": [lines]}, two-space indent. */
    static String jsonLines(String certPem, String keyPem) {
        return "{\n  \"certificate\": [\n" + quoted(certPem) + "  ],\n  \"key\": [\n" + quoted(keyPem) + "  ]\n}\n";
    }

    private static String quoted(String pem) {
        StringBuilder b = new StringBuilder();
        List<String> lines = pem.strip().lines().toList();
        for (int i = 0; i < lines.size(); i++) {
            b.append("    \"").append(lines.get(i)).append('"').append(i + 1 < lines.size() ? ",\n" : "\n");
        }
        return b.toString();
    }
}
