package dev.vtool.schema.pair;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import java.util.ArrayList;
import java.util.List;

/** Both documents of a pair and the findings collected so far; every finding points into both files. */
final class PairContext {
    final ConfigDocument client;
    final ConfigDocument server;
    final List<Finding> findings = new ArrayList<>();

    PairContext(ConfigDocument client, ConfigDocument server) {
        this.client = client;
        this.server = server;
    }

    /** A finding located in the client file, with related places in the server file. */
    void onClient(RuleInfo rule, String clientPointer, List<String> serverPointers, String message, String fix) {
        onClient(rule, rule.severity(), clientPointer, serverPointers, message, fix);
    }

    void onClient(RuleInfo rule, Severity severity, String clientPointer, List<String> serverPointers,
                  String message, String fix) {
        List<Location> related = new ArrayList<>();
        for (String p : serverPointers) {
            related.add(server.locate(p));
        }
        findings.add(new Finding(rule.id(), severity, client.locate(clientPointer), message, fix, related));
    }

    /** A finding located in the server file, with related places in the client file. */
    void onServer(RuleInfo rule, String serverPointer, List<String> clientPointers, String message, String fix) {
        List<Location> related = new ArrayList<>();
        for (String p : clientPointers) {
            related.add(client.locate(p));
        }
        findings.add(new Finding(rule.id(), rule.severity(), server.locate(serverPointer), message, fix, related));
    }

    /** "server.json:9:19", for messages that name the other side. */
    String whereInServer(String pointer) {
        return server.locate(pointer).toString();
    }

    String whereInClient(String pointer) {
        return client.locate(pointer).toString();
    }
}
