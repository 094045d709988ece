package dev.vtool.schema.rules;

import static dev.vtool.schema.rules.RuleTester.none;
import static dev.vtool.schema.rules.RuleTester.run;
import static dev.vtool.schema.rules.RuleTester.single;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import java.util.List;
import org.junit.jupiter.api.Test;

/** reverse-wiring: how bridges and portals meet routing; unknown-routing-tag leaves their tags to it. */
class ReverseWiringRuleTest {
    private static final String BRIDGE_OK = """
            {"reverse": {"bridges": [{"tag": "bridge", "domain": "r.test"}]},
             "outbounds": [{"tag": "out", "protocol": "freedom"}],
             "routing": {"rules": [{"type": "field", "inboundTag": ["bridge"], "outboundTag": "out"}]}}""";
    private static final String PORTAL_OK = """
            {"reverse": {"portals": [{"tag": "portal", "domain": "r.test"}]},
             "inbounds": [{"tag": "in", "port": 1, "protocol": "vmess", "settings": {"clients": []}}],
             "outbounds": [{"tag": "out", "protocol": "freedom"}],
             "routing": {"rules": [{"type": "field", "inboundTag": ["in"], "outboundTag": "portal"}]}}""";

    @Test
    void wiredBridgeAndPortalAreQuiet() {
        none(new ReverseWiringRule(), BRIDGE_OK);
        none(new ReverseWiringRule(), PORTAL_OK);
        none(new UnknownRoutingTagRule(), PORTAL_OK);
        none(new ReverseWiringRule(), "{\"outbounds\": [{\"protocol\": \"freedom\"}]}");
    }

    @Test
    void unroutedBridgeAndPortal() {
        Finding b = single(new ReverseWiringRule(), BRIDGE_OK.replace("\"inboundTag\": [\"bridge\"]", "\"network\": \"tcp\""));
        assertEquals(1, b.location().line());
        assertEquals(Severity.WARNING, b.severity());
        assertTrue(b.message().contains("default outbound"), b.message());
        Finding p = single(new ReverseWiringRule(), PORTAL_OK.replace("\"outboundTag\": \"portal\"", "\"outboundTag\": \"out\""));
        assertEquals(1, p.location().line());
        assertTrue(p.message().contains("no routing rule sends anything"), p.message());
    }

    @Test
    void tagsOnTheWrongSide() {
        String portalAsInbound = PORTAL_OK.replace("\"inboundTag\": [\"in\"]", "\"inboundTag\": [\"portal\"]");
        List<Finding> f = run(new ReverseWiringRule(), portalAsInbound);
        assertTrue(f.stream().anyMatch(x -> x.location().line() == 4
                && x.message().contains("is a reverse portal")), f.toString());
        none(new UnknownRoutingTagRule(), portalAsInbound); // said once, by reverse-wiring
        String bridgeAsOutbound = BRIDGE_OK.replace("\"outboundTag\": \"out\"", "\"outboundTag\": \"bridge\"");
        List<Finding> g = run(new ReverseWiringRule(), bridgeAsOutbound);
        assertTrue(g.stream().anyMatch(x -> x.location().line() == 3
                && x.message().contains("is a reverse bridge")), g.toString());
        none(new UnknownRoutingTagRule(), bridgeAsOutbound);
    }

    @Test
    void portalHidingAnOutboundAndSharedDomain() {
        Finding hidden = single(new ReverseWiringRule(), PORTAL_OK.replace("\"tag\": \"out\"", "\"tag\": \"portal\""));
        assertEquals(3, hidden.location().line());
        assertTrue(hidden.message().contains("registers the portal over it"), hidden.message());
        String both = """
                {"reverse": {"bridges": [{"tag": "bridge", "domain": "r.test"}],
                             "portals": [{"tag": "portal", "domain": "r.test"}]},
                 "outbounds": [{"tag": "out", "protocol": "freedom"}],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["bridge"], "outboundTag": "portal"}]}}""";
        Finding shared = single(new ReverseWiringRule(), both);
        assertEquals(2, shared.location().line());
        assertTrue(shared.message().contains("share the domain"), shared.message());
    }

    @Test
    void aBalancerSelectorReachesAPortal() {
        none(new ReverseWiringRule(), """
                {"reverse": {"portals": [{"tag": "portal-a", "domain": "r.test"}]},
                 "outbounds": [{"tag": "out", "protocol": "freedom"}],
                 "routing": {"balancers": [{"tag": "b", "selector": ["portal-"]}],
                             "rules": [{"type": "field", "network": "tcp", "balancerTag": "b"}]}}""");
    }
}
