package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Two inbounds on the same address, port and transport (TCP vs UDP). */
public final class SharedListenPortRule extends SimpleRule {
    public SharedListenPortRule() {
        super("shared-listen-port", Severity.WARNING,
                "Two inbounds listen on the same address+port+network; 4.34 uses SO_REUSEPORT, so both start and share connections.");
    }

    private record Bound(Proxy proxy, String listen, String transport, InboundPort port) {
        boolean clashes(Bound o) {
            boolean sameAddress = listen.equals(o.listen) || isAny(listen) || isAny(o.listen);
            return sameAddress && transport.equals(o.transport) && port.from() <= o.port.to() && o.port.from() <= port.to();
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
            String transport = List.of("kcp", "quic").contains(p.network()) ? "udp" : "tcp";
            Bound b = new Bound(p, listen == null || listen.isEmpty() ? "0.0.0.0" : listen.toLowerCase(Locale.ROOT), transport, port);
            for (Bound earlier : seen) {
                if (b.clashes(earlier)) {
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

    private static boolean isAny(String listen) {
        return listen.equals("0.0.0.0") || listen.equals("::") || listen.equals("[::]");
    }
}
