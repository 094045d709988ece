package dev.vtool.schema.pair;

import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.vmess.V2rayUuid;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** VMess users: id (16 parsed bytes), alterId (AEAD vs legacy header, §5.3), security vs the server. */
final class VmessCheck {
    private final PairContext ctx;

    VmessCheck(PairContext ctx) {
        this.ctx = ctx;
    }

    /** Returns "AEAD" or "legacy alterId N" for the summary (of the first user). */
    String check(ClientTarget t, ServerInbound in) {
        String clientsPtr = in.settings() + "/clients";
        JsonNode clients = ctx.server.at(clientsPtr);
        List<String> serverIdPtrs = new ArrayList<>();
        List<byte[]> serverIds = new ArrayList<>();
        if (clients.isArray()) {
            for (int c = 0; c < clients.size(); c++) {
                String p = JsonPointers.child(clientsPtr, c);
                serverIdPtrs.add(p + "/id");
                serverIds.add(V2rayUuid.bytesOrNull(Nodes.text(ctx.server.at(p + "/id"), "")));
            }
        }
        JsonNode users = ctx.client.at(t.entry() + "/users");
        String detail = null;
        for (int u = 0; users.isArray() && u < users.size(); u++) {
            String user = JsonPointers.child(t.entry() + "/users", u);
            String d = checkUser(user, in, serverIds, serverIdPtrs, clientsPtr);
            if (detail == null) {
                detail = d;
            }
        }
        return detail == null ? "no users" : detail;
    }

    private String checkUser(String user, ServerInbound in, List<byte[]> serverIds, List<String> serverIdPtrs,
                             String clientsPtr) {
        String idPtr = user + "/id";
        String id = Nodes.text(ctx.client.at(idPtr), "");
        long clientAlter = Nodes.number(ctx.client.at(user + "/alterId"), 0);
        String detail = clientAlter == 0 ? "AEAD" : "legacy alterId " + clientAlter;
        List<String> related = serverIdPtrs.isEmpty() ? List.of(clientsPtr) : serverIdPtrs;
        V2rayUuid.Parse parsed = V2rayUuid.parse(id);
        if (!parsed.ok()) {
            ctx.onClient(PairRules.USER_ID, idPtr, related,
                    "the client id \"" + id + "\" is not a UUID V2Ray 4.34 accepts (" + parsed.errorWithOutcome()
                            + "), so it matches no server client",
                    serverIdPtrs.isEmpty() ? "use a UUID (vtool uuid) on both sides"
                            : "copy the id from " + ctx.whereInServer(serverIdPtrs.get(0)));
            return detail;
        }
        int match = -1;
        for (int i = 0; i < serverIds.size(); i++) {
            if (serverIds.get(i) != null && Arrays.equals(serverIds.get(i), parsed.bytes())) {
                match = i;
                break;
            }
        }
        if (match < 0) {
            String have = serverIdPtrs.isEmpty() ? "has no VMess clients at all"
                    : serverIdPtrs.size() == 1 ? "has only the id \"" + Nodes.text(ctx.server.at(serverIdPtrs.get(0)), "")
                    + "\" (" + ctx.whereInServer(serverIdPtrs.get(0)) + ")"
                    : "has " + serverIdPtrs.size() + " other ids";
            ctx.onClient(PairRules.USER_ID, idPtr, related,
                    "the client id " + parsed.canonical() + " is not a client of the server inbound on port "
                            + in.portText() + ", which " + have + "; the server rejects every connection with "
                            + "`invalid user`",
                    serverIdPtrs.isEmpty() ? "add {\"id\": \"" + parsed.canonical() + "\"} to the server's clients"
                            : "use the server's id in the client, or add the client's id to the server's clients");
            return detail;
        }
        String serverUser = JsonPointers.parent(serverIdPtrs.get(match));
        String serverAlterPtr = serverUser + "/alterId";
        long serverAlter = Nodes.number(ctx.server.at(serverAlterPtr), 0);
        String clientAlterPtr = user + "/alterId";
        if (clientAlter > 0 && serverAlter == 0) {
            ctx.onClient(PairRules.ALTER_ID, clientAlterPtr, List.of(serverAlterPtr),
                    "client alterId is " + clientAlter + " (legacy header) but the server user's alterId is 0 ("
                            + ctx.whereInServer(serverAlterPtr) + "), which accepts only AEAD: every connection "
                            + "fails with `invalid user`",
                    "set alterId 0 in the client (AEAD, recommended), or alterId >= " + clientAlter + " on the server");
        } else if (clientAlter > serverAlter) {
            ctx.onClient(PairRules.ALTER_ID, clientAlterPtr, List.of(serverAlterPtr),
                    "client alterId " + clientAlter + " is larger than the server user's " + serverAlter + " ("
                            + ctx.whereInServer(serverAlterPtr) + "): the client picks one of its " + clientAlter
                            + " alternate ids at random and the server knows only " + serverAlter
                            + ", so connections fail intermittently with `invalid user`",
                    "set alterId 0 in the client (AEAD, recommended), or at most " + serverAlter);
        } else if (clientAlter > 0) {
            ctx.onClient(PairRules.LEGACY_HEADER, clientAlterPtr, List.of(serverAlterPtr),
                    "client alterId " + clientAlter + " <= server " + serverAlter + " works, but selects the legacy "
                            + "MD5 VMess header (deprecated, and detectable); alterId 0 selects AEAD, which this "
                            + "server accepts as well",
                    "set alterId 0 in the client");
        }
        String secPtr = user + "/security";
        String insecurePtr = in.settings() + "/disableInsecureEncryption";
        if (Nodes.lower(ctx.client.at(secPtr), "auto").equals("none") && Nodes.bool(ctx.server.at(insecurePtr))) {
            ctx.onClient(PairRules.VMESS_SECURITY, secPtr, List.of(insecurePtr),
                    "the client uses security \"none\" but the server sets disableInsecureEncryption ("
                            + ctx.whereInServer(insecurePtr) + "): the server logs "
                            + "`client is using insecure encryption: NONE`",
                    "use security \"auto\" (or aes-128-gcm / chacha20-poly1305) in the client");
        }
        return detail;
    }
}
