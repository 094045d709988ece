package dev.vtool.schema.pair;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.model.ConfigNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

/**
 * One server inbound: its protocol, port range and listen address.
 *
 * @param pointer  pointer of the inbound ({@code /inbounds/0})
 * @param portFrom first port, -1 when the port cannot be known statically ({@code env:}, missing)
 * @param listen   listen address, "" for all addresses
 */
record ServerInbound(String pointer, String protocol, int portFrom, int portTo, String listen) {

    String streamSettings() {
        return pointer + "/streamSettings";
    }

    String settings() {
        return pointer + "/settings";
    }

    String portPointer() {
        return pointer + "/port";
    }

    boolean hasPort(int port) {
        return portFrom >= 0 && port >= portFrom && port <= portTo;
    }

    String portText() {
        if (portFrom < 0) {
            return "an unknown port";
        }
        return portFrom == portTo ? Integer.toString(portFrom) : portFrom + "-" + portTo;
    }

    /** Listening on every address (or on a name we cannot compare), so any client address may reach it. */
    boolean listensEverywhere() {
        return listen.isEmpty() || listen.equals("0.0.0.0") || listen.equals("::") || listen.equals("::0");
    }

    static List<ServerInbound> all(ConfigDocument server) {
        List<ServerInbound> out = new ArrayList<>();
        for (ConfigNode in : ConfigNode.root(server).elements("inbounds")) {
            String protocol = Nodes.lower(ClientTarget.member(in, "protocol"), "");
            int[] range = portRange(in.get("port") == null ? MissingNode.getInstance() : in.get("port").json());
            String listen = Nodes.text(ClientTarget.member(in, "listen"), "").toLowerCase(Locale.ROOT);
            out.add(new ServerInbound(in.pointer(), protocol, range[0], range[1], listen));
        }
        return out;
    }

    /** A PortRange as 4.34 reads it: a number, "1080" or "1000-2000"; anything else is unknown. */
    static int[] portRange(JsonNode n) {
        if (n.isIntegralNumber()) {
            int v = n.asInt();
            return new int[] {v, v};
        }
        String s = Nodes.text(n);
        if (s != null) {
            try {
                int dash = s.indexOf('-');
                if (dash < 0) {
                    int v = Integer.parseInt(s);
                    return new int[] {v, v};
                }
                return new int[] {Integer.parseInt(s.substring(0, dash)), Integer.parseInt(s.substring(dash + 1))};
            } catch (NumberFormatException e) {
                return new int[] {-1, -1};
            }
        }
        return new int[] {-1, -1};
    }
}
