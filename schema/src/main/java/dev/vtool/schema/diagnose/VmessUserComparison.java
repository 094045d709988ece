package dev.vtool.schema.diagnose;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.vmess.V2rayUuid;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * A minimal comparison of VMess ids and alterIds between a client (outbound vnext users) and a
 * server (inbound clients), so the "invalid user" diagnosis can say which of them differs and, when
 * none does, that the clock is the suspect. Ids are compared with the parser the pair check uses
 * ({@link V2rayUuid}, §5.1). PairChecker's findings are shown as well; this comparison stays because
 * its verdict "ids and alterIds match" (and its wording, keyed to the client's port) is not one of them.
 */
final class VmessUserComparison {

    /** A VMess user in a config: its id as written, the parsed form, alterId and where it stands. */
    record User(ConfigDocument doc, String pointer, String id, String key, int alterId, int port) {
        String where() {
            return JsonPointers.toDisplayPath(pointer) + " at " + doc.locate(JsonPointers.child(pointer, "id"));
        }
    }

    /** The outcome: lines to show, and whether every client user matched a server user. */
    record Result(List<String> lines, boolean idsAndAlterIdsMatch, boolean comparable) {
    }

    private VmessUserComparison() {
    }

    static List<User> clientUsers(ConfigDocument doc) {
        List<User> out = new ArrayList<>();
        for (ConfigNode ob : ConfigNode.root(doc).elements("outbounds")) {
            if (!"vmess".equalsIgnoreCase(ConfigInbound.text(ob.get("protocol")))) {
                continue;
            }
            ConfigNode settings = ob.get("settings");
            for (ConfigNode server : settings == null ? List.<ConfigNode>of() : settings.elements("vnext")) {
                for (ConfigNode u : server.elements("users")) {
                    out.add(user(doc, u, number(server.get("port"))));
                }
            }
        }
        return out;
    }

    static List<User> serverUsers(ConfigDocument doc) {
        List<User> out = new ArrayList<>();
        for (ConfigInbound in : ConfigInbound.of(doc)) {
            if (!in.protocol().equals("vmess")) {
                continue;
            }
            ConfigNode settings = ConfigNode.root(doc).at(in.pointer() + "/settings");
            for (ConfigNode c : settings == null ? List.<ConfigNode>of() : settings.elements("clients")) {
                out.add(user(doc, c, in.portNumber()));
            }
        }
        return out;
    }

    private static User user(ConfigDocument doc, ConfigNode node, int port) {
        String id = ConfigInbound.text(node.get("id"));
        return new User(doc, node.pointer(), id, idKey(id), Math.max(0, number(node.get("alterId"))), port);
    }

    /** The id as V2Ray 4.34 parses it (canonical form of its 16 bytes), or the raw text it rejects. */
    static String idKey(String id) {
        V2rayUuid.Parse parsed = V2rayUuid.parse(id);
        return parsed.ok() ? parsed.canonical() : id;
    }

    private static int number(ConfigNode member) {
        return member == null ? 0 : number(member.json());
    }

    private static int number(JsonNode n) {
        if (n.isIntegralNumber()) {
            return n.asInt();
        }
        try {
            return n.isString() ? Integer.parseInt(n.asString().strip()) : 0;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** Compares each client user with the server users (those on the client's port, if any match it). */
    static Result compare(ConfigDocument client, ConfigDocument server) {
        List<User> clients = clientUsers(client);
        List<User> servers = serverUsers(server);
        List<String> lines = new ArrayList<>();
        if (clients.isEmpty() || servers.isEmpty()) {
            lines.add(clients.isEmpty()
                    ? "no VMess outbound user in " + client.source().name() + ", so ids cannot be compared"
                    : "no VMess inbound client in " + server.source().name() + ", so ids cannot be compared");
            return new Result(lines, false, false);
        }
        // A client may have several VMess outbounds; those aimed at one of this server's ports are the ones to check.
        List<User> aimed = clients.stream().filter(c -> servers.stream().anyMatch(s -> s.port() == c.port())).toList();
        boolean allMatch = true;
        for (User c : aimed.isEmpty() ? clients : aimed) {
            List<User> candidates = servers.stream().filter(s -> s.port() == c.port()).toList();
            if (candidates.isEmpty()) {
                candidates = servers;
            }
            User same = candidates.stream().filter(s -> s.key().equals(c.key())).findFirst().orElse(null);
            if (same == null) {
                allMatch = false;
                lines.add("id differs: the client's id " + c.id() + " (" + c.where() + ") is not among the server's"
                        + " VMess ids: " + String.join(", ", candidates.stream()
                        .map(s -> s.id() + " (" + s.where() + ")").toList())
                        + ". Copy the server's id into the client.");
            } else if (c.alterId() > 0 && same.alterId() == 0) {
                allMatch = false;
                lines.add("alterId differs: the client uses alterId " + c.alterId() + " (legacy header) but the server"
                        + " user has alterId 0 (" + same.where() + "), which always fails. Set the client's"
                        + " alterId to 0 (AEAD).");
            } else if (c.alterId() > same.alterId()) {
                allMatch = false;
                lines.add("alterId differs: the client's alterId " + c.alterId() + " is greater than the server's "
                        + same.alterId() + " (" + same.where() + "); requests fail intermittently. Set the client's"
                        + " alterId to 0 (AEAD) or at most " + same.alterId() + ".");
            }
        }
        return new Result(lines, allMatch, true);
    }
}
