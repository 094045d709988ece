package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.pair.PairChecker;
import java.util.ArrayList;
import java.util.List;

/**
 * "invalid user": runs the pair check on the client and server configs, compares VMess ids and
 * alterIds, and blames the clock only when the ids and alterIds were verified to match.
 */
final class VmessUsersTailor implements Tailor {

    @Override
    public List<String> advise(EntryGroup group, TailorContext context) {
        ConfigDocument client = pick(context, true);
        ConfigDocument server = pick(context, false);
        List<String> out = new ArrayList<>();
        if (client == null || server == null || client == server) {
            out.add("to compare ids and alterIds, give both configs: vtool diagnose LOG --config CLIENT.json"
                    + " --server SERVER.json");
            return out;
        }
        try {
            for (Finding f : new PairChecker().check(client, server)) {
                out.add("vtool pair: " + f.message() + (f.location() == null ? "" : " (" + f.location() + ")")
                        + (f.fix() == null ? "" : "; fix: " + f.fix()));
            }
        } catch (RuntimeException e) {
            out.add("(the pair check could not run on these configs: " + e.getMessage() + ")");
        }
        VmessUserComparison.Result r = VmessUserComparison.compare(client, server);
        out.addAll(r.lines());
        if (r.comparable() && r.idsAndAlterIdsMatch()) {
            out.add("id and alterId match as far as vtool can check (" + client.source().name() + " vs "
                    + server.source().name() + "); the clock is the suspect: run `date -u` on both machines, they"
                    + " must agree within 90 seconds (enable NTP: timedatectl set-ntp true). Also check both"
                    + " sides use the same streamSettings (network, tls).");
        }
        return out;
    }

    /** The client is the config with VMess outbound users (--config first); the server the one with clients. */
    private static ConfigDocument pick(TailorContext context, boolean client) {
        List<ConfigDocument> order = client ? context.documents() : reversed(context.documents());
        for (ConfigDocument doc : order) {
            boolean fits = client ? !VmessUserComparison.clientUsers(doc).isEmpty()
                    : !VmessUserComparison.serverUsers(doc).isEmpty();
            if (fits) {
                return doc;
            }
        }
        return null;
    }

    private static List<ConfigDocument> reversed(List<ConfigDocument> docs) {
        List<ConfigDocument> r = new ArrayList<>(docs);
        java.util.Collections.reverse(r);
        return r;
    }
}
