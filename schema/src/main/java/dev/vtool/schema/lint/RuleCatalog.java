package dev.vtool.schema.lint;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.protocol.ConfigProtocol;
import dev.vtool.schema.protocol.ConfigProtocols;
import dev.vtool.schema.validation.SchemaValidator;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Every semantic rule, in the order they run. Add a new general rule class here; a protocol's own rules come with its package. */
public final class RuleCatalog {
    private RuleCatalog() {
    }

    /** The general rules below, then the rules each registered protocol brings ({@link ConfigProtocol#rules()}). */
    public static List<LintRule> semanticRules() {
        List<LintRule> all = new ArrayList<>(generalRules());
        for (ConfigProtocol p : ConfigProtocols.discovered().all()) {
            all.addAll(p.rules());
        }
        return Collections.unmodifiableList(all);
    }

    private static List<LintRule> generalRules() {
        return List.of(
                new dev.vtool.schema.rules.UnknownProtocolRule(),
                new dev.vtool.schema.rules.UnknownNetworkRule(),
                new dev.vtool.schema.rules.UnknownSecurityRule(),
                new dev.vtool.schema.rules.UnknownDomainStrategyRule(),
                new dev.vtool.schema.rules.UnknownLogLevelRule(),
                new dev.vtool.schema.rules.UnknownSniffingProtocolRule(),
                new dev.vtool.schema.rules.InvalidUuidRule(),
                new dev.vtool.schema.rules.OddUuidRule(),
                new dev.vtool.schema.rules.DuplicateClientIdRule(),
                new dev.vtool.schema.rules.DuplicateEmailRule(),
                new dev.vtool.schema.rules.InvalidPortRule(),
                new dev.vtool.schema.rules.SharedListenPortRule(),
                new dev.vtool.schema.rules.PortLoopRule(),
                new dev.vtool.schema.rules.DuplicateTagRule(),
                new dev.vtool.schema.rules.UnknownRoutingTagRule(),
                new dev.vtool.schema.rules.UnknownBalancerRule(),
                new dev.vtool.schema.rules.BalancerSelectorRule(),
                new dev.vtool.schema.rules.UnreachableRuleRule(),
                new dev.vtool.schema.rules.RuleTypeRule(),
                new dev.vtool.schema.rules.RuleTargetRule(),
                new dev.vtool.schema.rules.RuleConditionRule(),
                new dev.vtool.schema.rules.OpenProxyRule(),
                new dev.vtool.schema.rules.PlaceholderAddressRule(),
                new dev.vtool.schema.rules.TlsCertificateRule(),
                new dev.vtool.schema.rules.WsPathRule(),
                new dev.vtool.schema.rules.H2WithoutTlsRule(),
                new dev.vtool.schema.rules.OutboundServerRule(),
                new dev.vtool.schema.rules.InboundWithoutClientsRule(),
                new dev.vtool.schema.rules.UnknownOutboundSettingRule(),
                new dev.vtool.schema.rules.MuxConcurrencyRule(),
                new dev.vtool.schema.rules.KcpBoundsRule(),
                new dev.vtool.schema.rules.ListenAddressRule(),
                new dev.vtool.schema.rules.ProxySettingsRule(),
                new dev.vtool.schema.rules.DnsConfigRule(),
                new dev.vtool.schema.rules.ApiAndReverseRule(),
                new dev.vtool.schema.rules.ReverseWiringRule(),
                new dev.vtool.schema.rules.LogFileRule(),
                new dev.vtool.schema.rules.FallbackRule(),
                new dev.vtool.schema.rules.SilentFallbackRule(),
                new dev.vtool.schema.rules.DomainSubstringRule(),
                new dev.vtool.schema.rules.LaterVersionKeyRule(),
                new dev.vtool.schema.rules.GeoAssetRule(),
                new dev.vtool.schema.rules.NotSupportedByRunRule(),
                // 4.34's own grammars and cross-object checks (issue 17)
                new dev.vtool.schema.rules.DomainMatcherRule(),
                new dev.vtool.schema.rules.IpMatcherRule(),
                new dev.vtool.schema.rules.AllocationRule(),
                new dev.vtool.schema.rules.DokodemoDestinationRule(),
                new dev.vtool.schema.rules.ApiRouteRule(),
                new dev.vtool.schema.rules.NothingToRunRule(),
                new dev.vtool.schema.rules.TlsKeyPairRule(),
                new dev.vtool.schema.rules.DnsHostAddressRule()
        );
    }

    /** Everything `vtool lint --rules` lists: reader checks, schema checks and semantic rules. */
    public static List<RuleInfo> allRuleInfos() {
        List<RuleInfo> all = new ArrayList<>(ConfigReader.RULES);
        all.addAll(dev.vtool.schema.merge.ConfigMerger.RULES);
        all.addAll(SchemaValidator.RULES);
        all.addAll(semanticRules());
        return Collections.unmodifiableList(all);
    }
}
