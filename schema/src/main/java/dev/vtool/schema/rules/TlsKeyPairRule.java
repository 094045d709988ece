package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * A TLS certificate whose key is not its key (files or inline PEM). 4.34's -test accepts it; at start it logs
 * "ignoring invalid X509 key pair" and serves TLS without that certificate, so handshakes fail. A warning:
 * vtool is stricter than -test here. Only entries used for encipherment are paired, as in 4.34.
 */
public final class TlsKeyPairRule extends SimpleRule {
    /** PEM files are small; a bigger "certificate" is not read (and is no PEM V2Ray could use). */
    private static final long MAX_PEM_BYTES = 1 << 20;

    public TlsKeyPairRule() {
        super("tls-key-mismatch", Severity.WARNING,
                "A TLS certificate and key that do not form a pair; V2Ray starts, then ignores the certificate (\"ignoring invalid X509 key pair\").");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.tls()) {
                continue;
            }
            JsonNode tls = Keys.get(p.stream(), "tlsSettings");
            JsonNode certs = Keys.get(tls, "certificates");
            if (!certs.isArray()) {
                continue;
            }
            String certsPtr = Keys.ptr(Keys.ptr(p.streamPtr(), p.stream(), "tlsSettings"), tls, "certificates");
            for (int i = 0; i < certs.size(); i++) {
                JsonNode entry = certs.get(i);
                String usage = Keys.lower(Keys.text(entry, "usage"));
                if (!entry.isObject() || "verify".equals(usage) || "issue".equals(usage)) {
                    continue;
                }
                String certPem = pem(ctx, entry, "certificateFile", "certificate");
                String keyPem = pem(ctx, entry, "keyFile", "key");
                if (certPem == null || keyPem == null) {
                    continue; // tls-certificate reports missing parts
                }
                String problem = PemKeyPair.mismatch(certPem, keyPem);
                if (problem != null) {
                    String entryPtr = JsonPointers.child(certsPtr, i);
                    String keyKey = Keys.name(entry, "keyFile") != null && !Keys.text(entry, "keyFile").isEmpty() ? "keyFile" : "key";
                    ctx.report(Keys.ptr(entryPtr, entry, keyKey), "this key is not the certificate's key: V2Ray 4.34 starts, "
                                    + "then logs \"ignoring invalid X509 key pair > " + problem + "\" and serves TLS without "
                                    + "this certificate, so handshakes fail",
                            "use the key file created with this certificate (Let's Encrypt: privkey.pem beside fullchain.pem)");
                }
            }
        }
    }

    /** The PEM text of a part as 4.34 reads it: the file when named, else the inline lines joined by "\n". */
    private static String pem(RuleContext ctx, JsonNode entry, String fileKey, String inlineKey) {
        String file = Keys.text(entry, fileKey);
        if (file != null && !file.isEmpty()) {
            Path path = ConfigFiles.find(ctx, file);
            try {
                return path == null || Files.size(path) > MAX_PEM_BYTES ? null
                        : Files.readString(path, StandardCharsets.ISO_8859_1);
            } catch (IOException e) {
                return null;
            }
        }
        JsonNode inline = Keys.get(entry, inlineKey);
        if (!inline.isArray() || inline.isEmpty()) {
            return null;
        }
        return inline.valueStream().map(n -> n.isString() ? n.stringValue() : "").collect(Collectors.joining("\n"));
    }
}
