package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import java.util.List;
import java.util.Set;

/**
 * vtool's own freedom outbound refuses private and loopback destinations for remote clients unless
 * {@code "allowPrivate": true}; on a server config that is worth knowing before it bites.
 */
public final class FreedomAllowPrivateRule extends SimpleRule {
    private static final List<String> REMOTE_PROTOCOLS = List.of("vmess", "vless", "trojan", "shadowsocks");

    public FreedomAllowPrivateRule() {
        super("freedom-allow-private", Severity.INFO,
                "A server config routes remote clients to freedom without \"allowPrivate\": vtool then refuses private/loopback targets.");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        Proxy remote = Proxy.inbounds(doc).stream()
                .filter(p -> p.protocol() != null && REMOTE_PROTOCOLS.contains(p.protocol())
                        && !Addresses.isLocalOnly(Keys.text(p.node(), "listen")))
                .findFirst().orElse(null);
        if (remote == null) {
            return;
        }
        List<Proxy> outbounds = Proxy.outbounds(doc);
        Set<String> routedTags = new java.util.HashSet<>();
        for (Routing.Rule rule : Routing.rules(doc)) {
            if (rule.outboundTag() != null) {
                routedTags.add(rule.outboundTag());
            }
        }
        for (int i = 0; i < outbounds.size(); i++) {
            Proxy p = outbounds.get(i);
            boolean used = i == 0 || (p.tag() != null && routedTags.contains(p.tag()));
            if (!p.is("freedom") || !used || Keys.present(Keys.get(p.settings(), "allowPrivate"))) {
                continue;
            }
            ctx.report(p.ptr("protocol"), "this server (remote " + remote.protocol() + " inbound at line "
                            + doc.locate(remote.pointer()).line() + ") sends client traffic to freedom; vtool's freedom "
                            + "refuses private and loopback destinations (127.0.0.0/8, 10/8, 192.168/16, ...) for remote "
                            + "clients unless \"allowPrivate\": true (V2Ray itself ignores this key and allows them)",
                    "leave it as is to protect your server's local network, or add \"settings\": {\"allowPrivate\": true}"
                            + " if clients must reach it");
        }
    }
}
