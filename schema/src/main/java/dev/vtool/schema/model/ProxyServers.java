package dev.vtool.schema.model;

import java.util.ArrayList;
import java.util.List;

/** {@code servers} of a socks or http outbound (same shape in 4.34). */
public final class ProxyServers {
    private ProxyServers() {
    }

    /**
     * @param outbound     the whole outbound, where "0 target server" is reported
     * @param protocolWord {@code socks} or {@code http}, for messages
     */
    public static List<ProxyServer> parse(ConfigNode settings, ConfigNode outbound, String protocolWord)
            throws ConfigModelException {
        List<ProxyServer> out = new ArrayList<>();
        for (ConfigNode srv : settings.array("servers")) {
            String address = srv.string("address", null);
            if (address == null || address.isEmpty()) {
                throw srv.error(srv.path() + ".address: a " + protocolWord + " server needs an address");
            }
            List<ServerUser> users = new ArrayList<>();
            for (ConfigNode u : srv.array("users")) {
                users.add(new ServerUser(u.string("user", ""), u.string("pass", ""),
                        (int) u.number("level", 0, 0, 0xFFFFFFFFL), u.string("email", "")));
            }
            out.add(new ProxyServer(IpText.stripBrackets(address), srv.port("port"), users));
        }
        if (out.isEmpty()) {
            throw outbound.error("proxy/" + protocolWord + ": 0 target server");
        }
        return out;
    }
}
