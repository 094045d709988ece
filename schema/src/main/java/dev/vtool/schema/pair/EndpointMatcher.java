package dev.vtool.schema.pair;

import java.util.List;

/** Which server inbound a client server entry would reach: same port, and an address that can be it. */
final class EndpointMatcher {
    private final List<ServerInbound> inbounds;

    EndpointMatcher(List<ServerInbound> inbounds) {
        this.inbounds = inbounds;
    }

    /** The inbound reached (one of the same protocol preferred), or null. */
    ServerInbound reach(ClientTarget t) {
        ServerInbound any = null;
        for (ServerInbound in : inbounds) {
            if (!in.hasPort(t.port()) || !addressFits(t.address(), in)) {
                continue;
            }
            if (in.protocol().equals(t.protocol())) {
                return in;
            }
            if (any == null) {
                any = in;
            }
        }
        return any;
    }

    /**
     * A client address that is a name (often a placeholder such as serveraddr.com) is taken to mean the
     * server in question; an IP literal must equal a specific listen address.
     */
    static boolean addressFits(String clientAddress, ServerInbound in) {
        if (in.listen().startsWith("/") || in.listen().startsWith("@")) {
            return false; // Unix socket: not reachable by address and port
        }
        if (in.listensEverywhere() || !HostNames.isIpLiteral(clientAddress) || !HostNames.isIpLiteral(in.listen())) {
            return true;
        }
        String c = HostNames.canonicalIp(clientAddress);
        String l = HostNames.canonicalIp(in.listen());
        return c.equals(l) || isLoopback(c) && isLoopback(l);
    }

    private static boolean isLoopback(String ip) {
        return ip.startsWith("127.") || ip.equals("0:0:0:0:0:0:0:1");
    }
}
