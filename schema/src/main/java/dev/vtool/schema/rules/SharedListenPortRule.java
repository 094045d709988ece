package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Two inbounds on the same address, port and transport. An inbound binds TCP for its stream transport (UDP
 * instead for mKCP and QUIC) and, besides, a UDP socket when its protocol takes UDP: socks with "udp": true,
 * shadowsocks and dokodemo-door with "udp" in "network" (proxyman starts one worker per network of the proxy).
 */
public final class SharedListenPortRule extends SimpleRule {
    public SharedListenPortRule() {
        super("shared-listen-port", Severity.WARNING,
                "Two inbounds on one address+port over TCP or UDP (mKCP/QUIC, socks/shadowsocks/dokodemo UDP); 4.34 starts both (SO_REUSEPORT).");
    }

    private record Bound(Proxy proxy, String listen, Set<String> transports, InboundPort port) {
        /** The transport both bind on an overlapping address and port, or null. */
        String clash(Bound o) {
            boolean sameAddress = listen.equals(o.listen) || isAny(listen) || isAny(o.listen);
            if (!sameAddress || port.from() > o.port.to() || o.port.from() > port.to()) {
                return null;
            }
            return transports.stream().filter(o.transports::contains).findFirst().orElse(null);
        }
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        List<Bound> seen = new ArrayList<>();
        for (Proxy p : Proxy.inbounds(doc)) {
            String listen = Keys.text(p.node(), "listen");
            if (!Keys.present(p.get("port")) || (listen != null && (listen.startsWith("/") || listen.startsWith("@")))) {
                continue;
            }
            InboundPort port = InboundPort.parse(p.get("port"), System::getenv);
            if (!port.ok()) {
                continue;
            }
            Bound b = new Bound(p, listen == null || listen.isEmpty() ? "0.0.0.0" : listen.toLowerCase(Locale.ROOT),
                    transports(p), port);
            for (Bound earlier : seen) {
                String transport = b.clash(earlier);
                if (transport != null) {
                    Location firstAt = doc.locate(earlier.proxy().ptr("port"));
                    ctx.report(severity(), doc.locate(p.ptr("port")), "this inbound listens on " + b.listen() + " port "
                                    + p.get("port") + "/" + transport + " like the inbound at line " + firstAt.line()
                                    + "; V2Ray 4.34 binds both with SO_REUSEPORT, so it starts but the kernel splits "
                                    + "incoming connections between the two inbounds at random",
                            "give each inbound its own port (or listen address)", List.of(firstAt));
                    break;
                }
            }
            seen.add(b);
        }
    }

    /** "tcp" and/or "udp": what the inbound's listeners bind. */
    static Set<String> transports(Proxy p) {
        Set<String> out = new TreeSet<>();
        boolean udpStream = List.of("kcp", "quic").contains(p.network());
        if (p.is("socks")) {
            out.add(udpStream ? "udp" : "tcp");
            if (Keys.get(p.settings(), "udp").asBoolean(false)) {
                out.add("udp");
            }
            return out;
        }
        if (p.is("shadowsocks") || p.is("dokodemo-door")) {
            for (Keys.Item n : Keys.stringList(Keys.get(p.settings(), "network"), "")) {
                String name = Keys.lower(n.value());
                if (name.equals("tcp")) {
                    out.add(udpStream ? "udp" : "tcp");
                } else if (name.equals("udp")) {
                    out.add("udp");
                }
            }
            if (!Keys.present(Keys.get(p.settings(), "network"))) {
                out.add(udpStream ? "udp" : "tcp"); // both default to tcp only
            }
            return out;
        }
        out.add(udpStream ? "udp" : "tcp");
        return out;
    }

    private static boolean isAny(String listen) {
        return listen.equals("0.0.0.0") || listen.equals("::") || listen.equals("[::]");
    }
}
