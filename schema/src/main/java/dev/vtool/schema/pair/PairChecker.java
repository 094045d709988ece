package dev.vtool.schema.pair;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Does this client config really reach this server config? For every server entry of every client
 * outbound (VMess vnext, VLESS, Trojan, Shadowsocks, SOCKS, HTTP) it finds the server inbound it would
 * reach and compares credentials, transport and TLS the way V2Ray 4.34 would on the wire.
 */
public final class PairChecker {

    /** Findings about the pair; positions point into both documents. No errors means they match. */
    public List<Finding> check(ConfigDocument client, ConfigDocument server) {
        return analyse(client, server).findings();
    }

    public PairResult analyse(ConfigDocument client, ConfigDocument server) {
        PairContext ctx = new PairContext(client, server);
        List<ClientTarget> targets = ClientTarget.all(client);
        List<ServerInbound> inbounds = ServerInbound.all(server);
        EndpointMatcher matcher = new EndpointMatcher(inbounds);
        List<PairMatch> matches = new ArrayList<>();
        List<ClientTarget> unreached = new ArrayList<>();
        for (ClientTarget t : targets) {
            ServerInbound in = matcher.reach(t);
            if (in == null) {
                unreached.add(t);
                continue;
            }
            int before = errorCount(ctx);
            if (!in.protocol().equals(t.protocol())) {
                ctx.onClient(PairRules.PROTOCOL, t.outbound() + "/protocol", List.of(in.pointer() + "/protocol"),
                        "the client's " + t.protocol() + " outbound reaches port " + t.port() + ", where the server "
                                + "inbound speaks " + (in.protocol().isEmpty() ? "no protocol" : in.protocol()) + " ("
                                + ctx.whereInServer(in.pointer() + "/protocol") + ")",
                        "use the same protocol on both sides, or point the client at the server's "
                                + t.protocol() + " port");
                continue;
            }
            // a Trojan/VLESS client on another transport may be meant for an inbound behind a fallback
            ServerInbound real = new FallbackFollow(ctx).follow(t, in, inbounds);
            if (real == null) {
                matches.add(new PairMatch(t.port(), t.protocol(), "", Transport.label(
                        Transport.network(ctx.client, t.streamSettings()), false), false));
                continue;
            }
            String detail = t.protocol().equals("vmess") ? new VmessCheck(ctx).check(t, real)
                    : new OtherProtocolCheck(ctx).check(t, real);
            String network = new StreamCheck(ctx).check(t, real);
            boolean tls = new TlsCheck(ctx).check(t, in, network);
            if (real != in) {
                detail = (detail.isEmpty() ? "" : detail + ", ") + "through the fallback to port " + real.portText();
            }
            matches.add(new PairMatch(t.port(), t.protocol(), detail, Transport.label(network, tls),
                    errorCount(ctx) == before));
        }
        if (targets.isEmpty() || unreached.size() == targets.size()) {
            noEndpoint(ctx, targets, inbounds, swapped(client, server));
        } else {
            for (ClientTarget t : unreached) {
                ctx.onClient(PairRules.OTHER_SERVER, t.portPointer(), List.of("/inbounds"),
                        "this " + t.protocol() + " server entry (" + t.address() + ":" + t.port()
                                + ") reaches no inbound of " + server.source().name() + "; not checked",
                        null);
            }
        }
        List<Finding> findings = new ArrayList<>(ctx.findings);
        findings.sort(Finding.BY_POSITION);
        return new PairResult(findings, matches);
    }

    private static int errorCount(PairContext ctx) {
        return (int) ctx.findings.stream().filter(Finding::isError).count();
    }

    /**
     * A hint for the most common slip: the files given the other way round. The "client" has a VMess
     * inbound (a server's job) and the "server" a VMess outbound with a server entry (a client's job).
     */
    private static boolean swapped(ConfigDocument client, ConfigDocument server) {
        boolean clientServes = ServerInbound.all(client).stream().anyMatch(in -> in.protocol().equals("vmess"));
        boolean serverDials = ClientTarget.all(server).stream().anyMatch(t -> t.protocol().equals("vmess"));
        return clientServes && serverDials;
    }

    private static void noEndpoint(PairContext ctx, List<ClientTarget> targets, List<ServerInbound> inbounds,
                                   boolean swapped) {
        Set<String> clientPorts = new LinkedHashSet<>();
        for (ClientTarget t : targets) {
            clientPorts.add(t.port() + " (" + t.protocol() + ", " + (t.address().isEmpty() ? "no address"
                    : t.address()) + ")");
        }
        Set<String> serverPorts = new LinkedHashSet<>();
        List<String> related = new ArrayList<>();
        for (ServerInbound in : inbounds) {
            serverPorts.add(in.portText() + " (" + in.protocol() + (in.listensEverywhere() ? "" : ", listen "
                    + in.listen()) + ")");
            related.add(in.portPointer());
        }
        String clientSide = targets.isEmpty()
                ? "the client has no vmess, vless, trojan, shadowsocks, socks or http outbound with a server entry"
                : "the client connects to port " + String.join(", ", clientPorts);
        String serverSide = inbounds.isEmpty() ? "the server has no inbounds"
                : "the server listens on " + String.join(", ", serverPorts);
        String at = targets.isEmpty() ? "/outbounds" : targets.get(0).portPointer();
        String swapHint = !swapped ? "" : "; the two files look swapped: " + ctx.client.source().name()
                + " has a vmess inbound (a server's job) and " + ctx.server.source().name()
                + " a vmess outbound (a client's job)";
        ctx.onClient(PairRules.NO_ENDPOINT, at, related.isEmpty() ? List.of("/inbounds") : related,
                "no client server entry reaches the server: " + clientSide + "; " + serverSide
                        + " (the client would log `connection refused`)" + swapHint,
                swapped ? "give the client first: vtool pair " + ctx.server.source().name() + " "
                        + ctx.client.source().name()
                        : "make a client vnext/servers port (and address) equal to a server inbound's port and listen address");
    }
}
