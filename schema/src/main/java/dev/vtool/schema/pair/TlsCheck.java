package dev.vtool.schema.pair;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.security.cert.CertificateEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** TLS on both sides or neither; the name the client verifies against the server certificate; trust. */
final class TlsCheck {
    private final PairContext ctx;

    TlsCheck(PairContext ctx) {
        this.ctx = ctx;
    }

    /** Returns whether the client uses TLS (for the summary line). */
    boolean check(ClientTarget t, ServerInbound in, String network) {
        String cs = t.streamSettings();
        String ss = in.streamSettings();
        boolean ct = Transport.tls(ctx.client, cs);
        boolean st = Transport.tls(ctx.server, ss);
        if (ct != st) {
            String msg = ct
                    ? "the client uses TLS but the server inbound on port " + in.portText()
                    + " does not (streamSettings.security is not \"tls\" there); the server reads the TLS "
                    + "handshake as protocol data and logs `invalid user`"
                    : "the server inbound on port " + in.portText() + " expects TLS ("
                    + ctx.whereInServer(ss + "/security") + ") but the client sends plain data; the server logs "
                    + "`tls: first record does not look like a TLS handshake`";
            ctx.onClient(PairRules.TLS, cs + "/security", List.of(ss + "/security"), msg,
                    ct ? "remove security \"tls\" from the client, or configure TLS (security + certificates) on the server"
                            : "set streamSettings.security to \"tls\" in the client (with tlsSettings.serverName)");
            return ct;
        }
        if (network.equals("h2") && !ct) {
            ctx.onClient(PairRules.TLS, cs + "/security", List.of(ss + "/security"),
                    "the h2 (HTTP/2) transport needs TLS on the client: V2Ray fails with "
                            + "`TLS must be enabled for http transport.`",
                    "set security \"tls\" on both sides, or use another network");
            return false;
        }
        if (ct) {
            certificates(t, in);
        }
        return ct;
    }

    private void certificates(ClientTarget t, ServerInbound in) {
        String ctls = t.streamSettings() + "/tlsSettings";
        String stls = in.streamSettings() + "/tlsSettings";
        JsonNode list = ctx.server.at(stls + "/certificates");
        List<ServerCertificate> served = new ArrayList<>();
        List<String> servedPointers = new ArrayList<>();
        boolean issuesOnTheFly = false;
        if (list.isArray()) {
            for (int i = 0; i < list.size(); i++) {
                String entry = JsonPointers.child(stls + "/certificates", i);
                String usage = Nodes.lower(ctx.server.at(entry + "/usage"), "encipherment");
                if (usage.equals("verify")) {
                    continue;
                }
                if (usage.equals("issue")) {
                    issuesOnTheFly = true;
                    continue;
                }
                ServerCertificate.Loaded loaded = ServerCertificate.load(ctx.server, entry);
                if (loaded.certificate() == null) {
                    ctx.onServer(PairRules.TLS_CERT, entry, List.of(ctls),
                            "server certificate not checked: " + loaded.problem()
                                    + "; the TLS name and trust checks were skipped", null);
                    return;
                }
                served.add(loaded.certificate());
                servedPointers.add(entry);
            }
        }
        if (served.isEmpty() || issuesOnTheFly) {
            return;
        }
        if (Nodes.bool(ctx.client.at(ctls + "/allowInsecure"))) {
            return;
        }
        String snPtr = ctls + "/serverName";
        String serverName = Nodes.text(ctx.client.at(snPtr), "");
        String name = serverName;
        String namePtr = snPtr;
        if (name.isEmpty()) {
            name = t.address();
            namePtr = t.entry() + "/address";
            if (HostNames.isIpLiteral(name)) {
                ctx.onClient(PairRules.TLS_NAME, namePtr, servedPointers,
                        "the client connects to the IP address " + name + " with TLS but sets no "
                                + "tlsSettings.serverName; Go's TLS refuses to verify without a name (`tls: either "
                                + "ServerName or InsecureSkipVerify must be specified in the tls.Config`)",
                        "set tlsSettings.serverName to a name in the server certificate: "
                                + served.get(0).names());
                return;
            }
        }
        ServerCertificate match = null;
        for (ServerCertificate c : served) {
            if (c.covers(name)) {
                match = c;
                break;
            }
        }
        if (match == null) {
            List<String> names = new ArrayList<>();
            for (ServerCertificate c : served) {
                names.addAll(c.names());
            }
            ctx.onClient(PairRules.TLS_NAME, namePtr, servedPointers,
                    "the client verifies the name \"" + name + "\"" + (serverName.isEmpty()
                            ? " (its address; no tlsSettings.serverName)" : "")
                            + " but the server certificate is valid for " + (names.isEmpty()
                            ? "no name at all: it has no subjectAltName and Go ignores the Common Name (the client logs "
                            + "`x509: certificate relies on legacy Common Name field, use SANs instead`)"
                            : names + "; the client logs `x509: certificate is valid for "
                            + String.join(", ", names) + ", not " + name + "`"),
                    "set tlsSettings.serverName to one of the certificate's names, or issue a certificate for "
                            + name);
            return;
        }
        if (match.selfSigned() && !clientTrusts(match, ctls)) {
            ctx.onClient(PairRules.TLS_TRUST, Severity.WARNING, ctls, servedPointers,
                    "the server certificate is self-signed and the client does not trust it: the client logs "
                            + "`x509: certificate signed by unknown authority`",
                    "add the server's certificate to the client's tlsSettings.certificates with usage \"verify\" "
                            + "(or, for tests only, allowInsecure: true)");
        }
    }

    /** Every certificate listed on the client, whatever its usage, joins the client's trust pool. */
    private boolean clientTrusts(ServerCertificate served, String ctls) {
        ConfigDocument client = ctx.client;
        JsonNode list = client.at(ctls + "/certificates");
        if (!list.isArray()) {
            return false;
        }
        try {
            byte[] der = served.cert().getEncoded();
            for (int i = 0; i < list.size(); i++) {
                ServerCertificate.Loaded own = ServerCertificate.load(client, JsonPointers.child(ctls + "/certificates", i));
                if (own.certificate() != null && Arrays.equals(own.certificate().cert().getEncoded(), der)) {
                    return true;
                }
            }
        } catch (CertificateEncodingException e) {
            return false;
        }
        return false;
    }
}
