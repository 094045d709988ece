package dev.vtool.schema.diagnose;

import dev.vtool.schema.json.ConfigDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * A listen failure (port in use, permission denied): names the inbound(s) of the config on that port,
 * and says whether another inbound of the same config shares it.
 */
final class PortTailor implements Tailor {

    @Override
    public List<String> advise(EntryGroup group, TailorContext context) {
        List<String> out = new ArrayList<>();
        boolean inUse = group.entry().id().equals("port-in-use");
        for (String value : group.values("port")) {
            int port;
            try {
                port = Integer.parseInt(value);
            } catch (NumberFormatException e) {
                continue;
            }
            for (ConfigDocument doc : context.documents()) {
                List<ConfigInbound> on = ConfigInbound.of(doc).stream().filter(i -> i.covers(port)).toList();
                if (on.isEmpty()) {
                    continue;
                }
                if (on.size() > 1) {
                    out.add("port " + port + " is used by " + on.size() + " inbounds of " + doc.source().name() + ": "
                            + String.join("; ", on.stream().map(ConfigInbound::describe).toList())
                            + " - give each inbound its own port");
                } else if (inUse) {
                    out.add("port " + port + " belongs to the " + on.get(0).describe() + "; no other inbound of "
                            + doc.source().name() + " uses it, so another program holds it: `ss -ltnp 'sport = :"
                            + port + "'` shows which");
                } else {
                    out.add("port " + port + " belongs to the " + on.get(0).describe()
                            + (port < 1024 ? "; ports below 1024 need root or CAP_NET_BIND_SERVICE" : ""));
                }
            }
        }
        return out;
    }
}
