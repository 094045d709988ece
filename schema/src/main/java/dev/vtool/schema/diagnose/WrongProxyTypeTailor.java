package dev.vtool.schema.diagnose;

import dev.vtool.schema.json.ConfigDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * A browser spoke the wrong proxy protocol to an inbound ("unknown Socks version" on a socks inbound,
 * "malformed HTTP request" on an http inbound): names the inbound(s) of that protocol in the config and
 * shows the inbound of the other protocol to add, on a port the config does not use yet.
 */
final class WrongProxyTypeTailor implements Tailor {
    private final String receiving;
    private final String missing;

    /** @param receiving the protocol of the inbound that got the wrong requests ("socks" or "http") */
    WrongProxyTypeTailor(String receiving) {
        this.receiving = receiving;
        this.missing = receiving.equals("socks") ? "http" : "socks";
    }

    @Override
    public List<String> advise(EntryGroup group, TailorContext context) {
        List<String> out = new ArrayList<>();
        for (ConfigDocument doc : context.documents()) {
            List<ConfigInbound> inbounds = ConfigInbound.of(doc);
            List<ConfigInbound> hit = inbounds.stream().filter(i -> i.protocol().equals(receiving)).toList();
            if (hit.isEmpty()) {
                continue;
            }
            for (ConfigInbound in : hit) {
                out.add("the requests reached the " + in.describe() + ": the browser must use "
                        + (receiving.equals("socks") ? "SOCKS5" : "an HTTP proxy") + " at "
                        + (in.listen().isEmpty() || in.listen().equals("0.0.0.0") ? "127.0.0.1" : in.listen())
                        + ":" + in.port());
            }
            ConfigInbound existing = inbounds.stream().filter(i -> i.protocol().equals(missing)).findFirst()
                    .orElse(null);
            if (existing != null) {
                out.add("your config already has " + (missing.equals("http") ? "an " : "a ") + missing + " inbound: " + existing.describe()
                        + "; point the browser's " + (missing.equals("http") ? "HTTP" : "SOCKS") + " proxy at it");
            } else if (!group.entry().id().endsWith("-tls")) {
                ConfigInbound first = hit.get(0);
                int port = ConfigInbound.freePortAfter(inbounds, first.portNumber() > 0 ? first.portNumber() + 1 : 1081);
                String listen = first.listen().isEmpty() ? "127.0.0.1" : first.listen();
                out.add("or keep the browser setting and add this inbound to \"inbounds\" in " + doc.source().name()
                        + " (then use " + listen + ":" + port + " as the " + (missing.equals("http") ? "HTTP" : "SOCKS5")
                        + " proxy):\n" + snippet(port, listen));
            }
            return out;
        }
        if (!context.documents().isEmpty()) {
            out.add("none of the given configs has " + (receiving.equals("http") ? "an" : "a") + " " + receiving
                    + " inbound: is this log from that config?");
        }
        return out;
    }

    private String snippet(int port, String listen) {
        String settings = missing.equals("socks")
                ? "  \"settings\": {\"auth\": \"noauth\", \"udp\": true}\n"
                : "  \"settings\": {}\n";
        return "{\n"
                + "  \"tag\": \"" + missing + "-in\",\n"
                + "  \"port\": " + port + ",\n"
                + "  \"listen\": \"" + listen + "\",\n"
                + "  \"protocol\": \"" + missing + "\",\n"
                + settings
                + "}";
    }
}
