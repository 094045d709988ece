package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import java.nio.file.Files;
import java.nio.file.Path;
import tools.jackson.databind.JsonNode;

/**
 * TLS certificates with {@code "security": "tls"}: an inbound without any (4.34 starts, handshakes
 * fail) is a warning; an entry with neither file nor content, or a file that does not exist, is an
 * error because V2Ray reads the files while loading.
 */
public final class TlsCertificateRule extends SimpleRule {
    public TlsCertificateRule() {
        super("tls-certificate", Severity.WARNING,
                "TLS certificate problems: a TLS inbound without certificates (warning), an empty or missing certificate/key (error).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.tls()) {
                continue; // 4.34 ignores tlsSettings entirely unless security is tls
            }
            JsonNode tls = Keys.get(p.stream(), "tlsSettings");
            String tlsPtr = Keys.ptr(p.streamPtr(), p.stream(), "tlsSettings");
            JsonNode certs = Keys.get(tls, "certificates");
            if (p.inbound() && (!certs.isArray() || certs.isEmpty())) {
                ctx.report(Keys.present(certs) ? Keys.ptr(tlsPtr, tls, "certificates")
                                : Keys.ptr(p.streamPtr(), p.stream(), "security"),
                        "this TLS inbound has no certificate; V2Ray 4.34 starts, but every TLS handshake fails with "
                                + "\"tls: no certificates configured\"",
                        "add tlsSettings.certificates: [{\"certificateFile\": \"/path/fullchain.pem\", "
                                + "\"keyFile\": \"/path/privkey.pem\"}]");
                continue;
            }
            if (!certs.isArray()) {
                continue;
            }
            String certsPtr = Keys.ptr(tlsPtr, tls, "certificates");
            for (int i = 0; i < certs.size(); i++) {
                JsonNode cert = certs.get(i);
                String certPtr = JsonPointers.child(certsPtr, i);
                if (!cert.isObject()) {
                    continue;
                }
                checkPart(ctx, cert, certPtr, "certificateFile", "certificate", "certificate", true);
                checkPart(ctx, cert, certPtr, "keyFile", "key", "key", false);
            }
        }
    }

    private static void checkPart(RuleContext ctx, JsonNode cert, String certPtr, String fileKey, String inlineKey,
                                  String what, boolean required) {
        String file = Keys.text(cert, fileKey);
        JsonNode inline = Keys.get(cert, inlineKey);
        boolean hasFile = file != null && !file.isEmpty();
        boolean hasInline = inline.isArray() && !inline.isEmpty();
        if (!hasFile && !hasInline) {
            if (required) { // a key is optional: 4.34 reads it only when one of its keys is non-empty
                ctx.report(Severity.ERROR, certPtr, "this certificate entry has no " + what + " (neither \"" + fileKey
                                + "\" nor \"" + inlineKey + "\"); V2Ray fails with \"failed to parse " + what
                                + " > both file and bytes are empty.\"",
                        "set \"" + fileKey + "\" to the PEM file path");
            }
            return;
        }
        if (!hasFile) {
            return;
        }
        Path path;
        try {
            path = Path.of(file);
        } catch (java.nio.file.InvalidPathException e) {
            ctx.report(Severity.ERROR, Keys.ptr(certPtr, cert, fileKey), what + " file \"" + file + "\" is not a valid path",
                    "write the path of the PEM file");
            return;
        }
        if (Files.isReadable(path) || ConfigFiles.find(ctx, file) != null) {
            return;
        }
        String at = Keys.ptr(certPtr, cert, fileKey);
        if (path.isAbsolute()) {
            ctx.report(Severity.ERROR, at, what + " file \"" + file + "\" does not exist or is not readable; V2Ray fails with "
                            + "\"failed to parse " + what + " > open " + file + ": no such file or directory\"",
                    "fix the path (for Let's Encrypt usually /etc/letsencrypt/live/DOMAIN/"
                            + (what.equals("key") ? "privkey.pem" : "fullchain.pem") + ") and make it readable by V2Ray's user");
        } else {
            ctx.report(Severity.WARNING, at, what + " file \"" + file + "\" is a relative path and is found neither from the "
                            + "current directory nor from the config's directory or its parents; V2Ray resolves it against "
                            + "the directory it is started from, and fails if it is not there",
                    "use an absolute path");
        }
    }
}
