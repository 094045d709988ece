package dev.vtool.cli;

import dev.vtool.engine.transport.tls.CertificateGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `vtool cert`: what {@code v2ctl cert} does: a self-signed certificate (or CA) as JSON for {@code certificates}. */
@Command(name = "cert", mixinStandardHelpOptions = true,
        description = {"Generate a self-signed TLS certificate or CA as v2ctl cert does (ECDSA P-256);",
                "the JSON pastes into tlsSettings.certificates."})
public final class CertCommand implements Callable<Integer> {
    private static final Pattern GO_DURATION_PART = Pattern.compile("(\\d+(?:\\.\\d*)?|\\.\\d+)(ns|us|µs|ms|s|m|h)");

    @Option(names = {"--domain", "-domain"}, paramLabel = "NAME", description = "A DNS name for the certificate (repeatable).")
    List<String> domains = new ArrayList<>();

    @Option(names = {"--name", "-name"}, paramLabel = "CN", defaultValue = "V2Ray Inc",
            description = "Common name (default: ${DEFAULT-VALUE}, as v2ctl).")
    String commonName;

    @Option(names = {"--org", "-org"}, paramLabel = "ORG", defaultValue = "V2Ray Inc",
            description = "Organization (default: ${DEFAULT-VALUE}, as v2ctl).")
    String organization;

    @Option(names = {"--ca", "-ca"}, description = "Make a CA (usage \"issue\" or \"verify\" in certificates).")
    boolean ca;

    @Option(names = {"--expire", "-expire"}, paramLabel = "DURATION", defaultValue = "2160h",
            description = "Validity as a Go duration, e.g. 240h (default: ${DEFAULT-VALUE}, 90 days).")
    String expire;

    @Option(names = {"--json", "-json"}, arity = "0..1", defaultValue = "true", fallbackValue = "true",
            description = "Print the certificate as JSON (default: true; --json=false with --file).")
    boolean json;

    @Option(names = {"--file", "-file"}, paramLabel = "PREFIX",
            description = "Also write PREFIX_cert.pem and PREFIX_key.pem.")
    String file;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        Duration validity = goDuration(expire);
        if (validity == null || validity.isNegative() || validity.isZero()) {
            System.err.println("vtool cert: invalid value \"" + expire + "\" for --expire: a positive Go duration such as 240h or 90m");
            return ExitCodes.USAGE_OR_IO;
        }
        for (String d : domains) {
            if (d.isEmpty()) {
                System.err.println("vtool cert: invalid value \"\" for --domain: empty value");
                return ExitCodes.USAGE_OR_IO;
            }
        }
        CertificateGenerator.Generated g;
        try {
            g = CertificateGenerator.generate(domains, commonName, organization, ca, validity);
        } catch (java.security.GeneralSecurityException e) {
            System.err.println("vtool cert: failed to generate TLS certificate > " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        if (json) {
            out.println("{\n  \"certificate\": " + jsonLines(g.certificatePem()) + ",\n  \"key\": " + jsonLines(g.keyPem()) + "\n}");
        }
        if (file != null && !file.isEmpty()) {
            try {
                Files.writeString(Path.of(file + "_cert.pem"), String.join("\n", g.certificatePem()) + "\n", StandardCharsets.US_ASCII);
                Files.writeString(Path.of(file + "_key.pem"), String.join("\n", g.keyPem()) + "\n", StandardCharsets.US_ASCII);
                System.err.println("wrote " + file + "_cert.pem and " + file + "_key.pem");
            } catch (IOException e) {
                System.err.println("vtool cert: cannot write " + file + "_cert.pem / _key.pem: " + e.getMessage());
                return ExitCodes.USAGE_OR_IO;
            }
        }
        return ExitCodes.OK;
    }

    /** Go's json.MarshalIndent of a string list at depth 1 (PEM lines need no escaping). */
    private static String jsonLines(List<String> lines) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < lines.size(); i++) {
            b.append("    \"").append(lines.get(i)).append('"').append(i + 1 < lines.size() ? ",\n" : "\n");
        }
        return b.append("  ]").toString();
    }

    /** Go's time.ParseDuration for the positive forms v2ctl users write (e.g. 240h, 1h30m, 1.5h); null if not one. */
    static Duration goDuration(String s) {
        if (s == null || s.isEmpty()) {
            return null;
        }
        Matcher m = GO_DURATION_PART.matcher(s);
        int at = 0;
        double nanos = 0;
        while (at < s.length()) {
            if (!m.find(at) || m.start() != at) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            nanos += n * switch (m.group(2)) {
                case "ns" -> 1d;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            at = m.end();
        }
        return Duration.ofNanos((long) nanos);
    }
}
