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

/** Tags, balancers and routing rules. */
class RoutingRulesTest {
    private static String withRules(String rules) {
        return "{\"inbounds\": [{\"port\": 1, \"protocol\": \"socks\", \"tag\": \"in\"}],\n"
                + "\"outbounds\": [{\"protocol\": \"freedom\", \"tag\": \"direct\"}, {\"protocol\": \"blackhole\", \"tag\": \"block\"}],\n"
                + "\"routing\": {\"balancers\": [{\"tag\": \"lb\", \"selector\": [\"dir\"]}],\n\"rules\": [\n" + rules + "\n]}}";
    }

    @Test
    void unknownOutboundTagSuggestsAndExplainsTheFallback() {
        Finding f = single(new UnknownRoutingTagRule(), withRules("{\"type\": \"field\", \"port\": 53, \"outboundTag\": \"blok\"}"));
        assertEquals(Severity.WARNING, f.severity());
        assertTrue(f.message().contains("non existing tag: blok") && f.message().contains("Did you mean \"block\"?"), f.message());
        assertEquals("write \"outboundTag\": \"block\"", f.fix());
        assertEquals(5, f.location().line());
    }

    @Test
    void apiDnsAndReverseTagsCount() {
        none(new UnknownRoutingTagRule(), "{\"api\": {\"tag\": \"api\"}, \"dns\": {\"tag\": \"dns-in\"},"
                + "\"reverse\": {\"portals\": [{\"tag\": \"portal\", \"domain\": \"r.example\"}]},"
                + "\"routing\": {\"rules\": [{\"type\": \"field\", \"inboundTag\": [\"dns-in\"], \"outboundTag\": \"api\"},"
                + "{\"type\": \"field\", \"port\": 1, \"outboundTag\": \"portal\"}]}}");
        Finding in = single(new UnknownRoutingTagRule(), withRules("{\"type\": \"field\", \"inboundTag\": [\"in\", \"ni\"], \"outboundTag\": \"block\"}"));
        assertTrue(in.message().contains("no inbound has tag \"ni\""), in.message());
    }

    @Test
    void balancerMustExistAndOutboundTagWins() {
        Finding f = single(new UnknownBalancerRule(), withRules("{\"type\": \"field\", \"port\": 53, \"balancerTag\": \"lbb\"}"));
        assertTrue(f.message().contains("balancer lbb not found") && f.message().contains("Did you mean \"lb\"?"), f.message());
        none(new UnknownBalancerRule(), withRules("{\"type\": \"field\", \"port\": 53, \"outboundTag\": \"block\", \"balancerTag\": \"nope\"}"));
        none(new BalancerSelectorRule(), withRules("{\"type\": \"field\", \"port\": 53, \"balancerTag\": \"lb\"}"));
        Finding sel = single(new BalancerSelectorRule(), withRules("{\"type\": \"field\", \"port\": 53, \"balancerTag\": \"lb\"}")
                .replace("[\"dir\"]", "[\"dir\", \"jp\"]"));
        assertTrue(sel.message().contains("\"jp\""), sel.message());
    }

    @Test
    void typeTargetAndCondition() {
        Finding type = single(new RuleTypeRule(), withRules("{\"type\": \"chinaip\", \"port\": 1, \"outboundTag\": \"block\"}"));
        assertTrue(type.message().contains("unknown router rule type: chinaip"), type.message());
        none(new RuleTypeRule(), withRules("{\"type\": \"Field\", \"port\": 1, \"outboundTag\": \"block\"}"));
        Finding target = single(new RuleTargetRule(), withRules("{\"type\": \"field\", \"port\": 1, \"outboundTag\": \"\"}"));
        assertTrue(target.message().contains("neither outboundTag nor balancerTag"), target.message());
        Finding cond = single(new RuleConditionRule(), withRules("{\"type\": \"field\", \"domain\": [], \"outboundTag\": \"block\"}"));
        assertTrue(cond.message().contains("this rule has no effective fields"), cond.message());
        none(new RuleConditionRule(), withRules("{\"type\": \"field\", \"Domain\": [\"a.example\"], \"outboundTag\": \"block\"}"));
    }

    @Test
    void unreachableAfterCatchAllAndAfterSameConditions() {
        List<Finding> fs = run(new UnreachableRuleRule(), withRules(
                "{\"type\": \"field\", \"port\": 53, \"outboundTag\": \"block\"},\n"
                        + "{\"type\": \"field\", \"port\": 53, \"outboundTag\": \"direct\"},\n"
                        + "{\"type\": \"field\", \"port\": \"1-65535\", \"outboundTag\": \"direct\"},\n"
                        + "{\"type\": \"field\", \"ip\": [\"10.0.0.0/8\"], \"outboundTag\": \"block\"}"));
        assertEquals(2, fs.size(), fs.toString());
        assertEquals(6, fs.get(0).location().line());
        assertTrue(fs.get(0).message().contains("same conditions"), fs.get(0).message());
        assertEquals(8, fs.get(1).location().line());
        assertEquals(7, fs.get(1).related().get(0).line());
        none(new UnreachableRuleRule(), withRules("{\"type\": \"field\", \"network\": \"tcp\", \"outboundTag\": \"block\"},\n"
                + "{\"type\": \"field\", \"network\": \"udp\", \"outboundTag\": \"direct\"}"));
    }

    @Test
    void duplicateTagsPerSide() {
        Finding f = single(new DuplicateTagRule(), "{\"outbounds\": [{\"protocol\": \"freedom\", \"tag\": \"x\"},\n"
                + "{\"protocol\": \"blackhole\", \"tag\": \"x\"}], \"inbounds\": [{\"port\": 1, \"protocol\": \"socks\", \"tag\": \"x\"}]}");
        assertEquals(2, f.location().line());
        assertEquals(1, f.related().get(0).line());
    }
}
