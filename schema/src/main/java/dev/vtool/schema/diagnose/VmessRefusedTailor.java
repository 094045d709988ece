package dev.vtool.schema.diagnose;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * The VMess server closed without a response header (client side): looks in the configs for the
 * known reasons - security "none" against disableInsecureEncryption, a legacy alterId the server user
 * lacks, TLS on one side only - and for a differing id.
 */
final class VmessRefusedTailor implements Tailor {

    @Override
    public List<String> advise(EntryGroup group, TailorContext context) {
        List<String> out = new ArrayList<>();
        ConfigDocument client = context.config();
        ConfigDocument server = context.server();
        if (client == null || VmessUserComparison.clientUsers(client).isEmpty()) {
            return out;
        }
        for (VmessUserComparison.User c : VmessUserComparison.clientUsers(client)) {
            String security = ConfigInbound.text(client.at(c.pointer() + "/security")).toLowerCase(Locale.ROOT);
            if (security.equals("none")) {
                String at = c.pointer() + "/security";
                ConfigInbound strict = server == null ? null : ConfigInbound.of(server).stream()
                        .filter(in -> in.protocol().equals("vmess") && in.portNumber() == c.port()
                                && server.at(in.pointer() + "/settings/disableInsecureEncryption").asBoolean(false))
                        .findFirst().orElse(null);
                out.add(JsonPointers.toDisplayPath(at) + " at " + client.locate(at) + " is \"none\"; "
                        + (strict != null ? "the server's " + strict.describe() + " has \"disableInsecureEncryption\":"
                        + " true, so it closes these connections" : "a server with \"disableInsecureEncryption\": true"
                        + " closes such connections") + " - use \"auto\"");
            }
        }
        if (server == null) {
            out.add("give the server's config with --server to compare alterId, TLS and disableInsecureEncryption");
            return out;
        }
        for (ConfigInbound in : ConfigInbound.of(server)) {
            if (!in.protocol().equals("vmess")) {
                continue;
            }
            boolean serverTls = isTls(server.at(in.pointer() + "/streamSettings/security"));
            for (String ob : outboundsAimedAt(client, in.portNumber())) {
                boolean clientTls = isTls(client.at(ob + "/streamSettings/security"));
                if (serverTls != clientTls) {
                    out.add("TLS on one side only: the server's " + in.describe() + (serverTls ? " uses" : " does not use")
                            + " \"security\": \"tls\" but the client's " + JsonPointers.toDisplayPath(ob) + " at "
                            + client.locate(ob) + (clientTls ? " does" : " does not") + "; set the same on both");
                }
            }
        }
        VmessUserComparison.Result r = VmessUserComparison.compare(client, server);
        out.addAll(r.lines());
        return out;
    }

    private static boolean isTls(JsonNode security) {
        return security.isString() && security.asString().equalsIgnoreCase("tls");
    }

    /** Pointers of the client's VMess outbounds with a vnext entry on that port. */
    private static List<String> outboundsAimedAt(ConfigDocument client, int port) {
        List<String> out = new ArrayList<>();
        for (ConfigNode ob : ConfigNode.root(client).elements("outbounds")) {
            if (!"vmess".equalsIgnoreCase(ConfigInbound.text(ob.get("protocol")))) {
                continue;
            }
            ConfigNode settings = ob.get("settings");
            for (ConfigNode v : settings == null ? List.<ConfigNode>of() : settings.elements("vnext")) {
                ConfigNode p = v.get("port");
                if (p != null && p.json().isIntegralNumber() && p.json().asInt() == port) {
                    out.add(ob.pointer());
                    break;
                }
            }
        }
        return out;
    }
}
