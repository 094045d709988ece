package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.model.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * One inbound of a config as the tailors need it: protocol, tag, port (a number or a range),
 * listen address and where it stands in the file.
 */
record ConfigInbound(ConfigDocument document, String pointer, String protocol, String tag, String port,
                     String listen) {

    /** The inbounds of a config (the 4.34 "inbounds" list), in file order. */
    static List<ConfigInbound> of(ConfigDocument doc) {
        List<ConfigInbound> out = new ArrayList<>();
        for (ConfigNode in : ConfigNode.root(doc).elements("inbounds")) {
            out.add(new ConfigInbound(doc, in.pointer(), text(in.get("protocol")).toLowerCase(Locale.ROOT),
                    text(in.get("tag")), text(in.get("port")), text(in.get("listen"))));
        }
        return out;
    }

    /** A member's text as the tailors show it ("" when absent; numbers as written). */
    static String text(ConfigNode n) {
        return n == null ? "" : text(n.json());
    }

    static String text(JsonNode n) {
        return n.isMissingNode() || n.isNull() ? "" : n.isString() ? n.asString() : n.toString();
    }

    /** True if the inbound's port (single or "A-B" range) includes the given port. */
    boolean covers(int p) {
        String s = port.strip();
        int dash = s.indexOf('-');
        try {
            if (dash > 0) {
                return Integer.parseInt(s.substring(0, dash).strip()) <= p
                        && p <= Integer.parseInt(s.substring(dash + 1).strip());
            }
            return Integer.parseInt(s) == p;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    /** The single port number, or -1 for ranges, env: ports and missing ports. */
    int portNumber() {
        try {
            return Integer.parseInt(port.strip());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    Location location() {
        return document.locate(pointer);
    }

    /** E.g. {@code socks inbound "socks-in" (inbounds[0], port 1080) at client.json:5:5}. */
    String describe() {
        return protocol + " inbound" + (tag.isEmpty() ? "" : " \"" + tag + "\"") + " ("
                + JsonPointers.toDisplayPath(pointer) + ", port " + (port.isEmpty() ? "not set" : port)
                + (listen.isEmpty() ? "" : ", listen " + listen) + ") at " + location();
    }

    /** A port of the config no inbound uses, counting up from {@code from}. */
    static int freePortAfter(List<ConfigInbound> inbounds, int from) {
        int p = Math.max(1024, from);
        for (int tries = 0; tries < 1000 && p < 65535; tries++, p++) {
            int candidate = p;
            if (inbounds.stream().noneMatch(in -> in.covers(candidate))) {
                return candidate;
            }
        }
        return 10808;
    }
}
