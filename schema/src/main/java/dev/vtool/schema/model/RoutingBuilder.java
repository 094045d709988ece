package dev.vtool.schema.model;

import dev.vtool.schema.text.V2rayMessages;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The {@code routing} section for the run model: strategy, field rules (each checked with 4.34's words)
 * and balancers. A broken rule is reported and left out; the other rules are still checked.
 */
final class RoutingBuilder {
    private final ConfigProblems problems;

    RoutingBuilder(ConfigProblems problems) {
        this.problems = problems;
    }

    Routing build(ConfigNode n) throws ConfigModelException {
        ConfigNode legacy = n.object("settings");
        String strategyText = n.lowerString("domainStrategy",
                legacy == null ? "asis" : legacy.lowerString("domainStrategy", "asis"));
        DomainStrategy strategy = switch (strategyText) {
            case "ipifnonmatch", "ip_if_non_match", "ip-if-non-match" -> DomainStrategy.IP_IF_NON_MATCH;
            case "ipondemand", "ip_on_demand", "ip-on-demand" -> DomainStrategy.IP_ON_DEMAND;
            // AlwaysIP becomes 4.34's UseIp, which its router never looks at: it routes as AsIs
            default -> DomainStrategy.AS_IS; // 4.34 treats any other value as AsIs
        };
        List<RoutingRule> rules = new ArrayList<>();
        for (ConfigNode r : n.array("rules")) {
            addRule(rules, r);
        }
        if (legacy != null) {
            for (ConfigNode r : legacy.array("rules")) {
                addRule(rules, r);
            }
        }
        List<Balancer> balancers = new ArrayList<>();
        for (ConfigNode b : n.array("balancers")) {
            String tag = b.string("tag", "");
            if (tag.isEmpty()) {
                problems.error(b, "empty balancer tag");
                continue;
            }
            List<String> selector = b.stringList("selector");
            if (selector.isEmpty()) {
                problems.error(b, "empty selector list");
                continue;
            }
            balancers.add(new Balancer(tag, selector));
        }
        Routing routing = new Routing(strategy, rules, balancers);
        checkBalancers(routing);
        return routing;
    }

    private void addRule(List<RoutingRule> rules, ConfigNode r) {
        int before = problems.size();
        try {
            RoutingRule rule = rule(r);
            if (problems.size() == before) {
                rules.add(rule);
            }
        } catch (ConfigModelException e) {
            problems.error(e);
        }
    }

    private RoutingRule rule(ConfigNode r) throws ConfigModelException {
        String type = r.string("type", "");
        if (!type.equalsIgnoreCase("field")) {
            throw r.error(V2rayMessages.unknownRouterRuleType(type));
        }
        String outboundTag = r.string("outboundTag", null);
        String balancerTag = r.string("balancerTag", null);
        if (outboundTag != null && !outboundTag.isEmpty()) {
            balancerTag = null;
        } else if (balancerTag != null && !balancerTag.isEmpty()) {
            outboundTag = null;
        } else {
            throw r.error("invalid field rule > neither outboundTag nor balancerTag is specified in routing rule");
        }
        AttrExpression attrs = attrs(r);
        List<String> domains = new ArrayList<>(r.stringList("domain"));
        domains.addAll(r.stringList("domains"));
        for (String d : domains) {
            checkDomain(r, d);
        }
        List<String> ips = r.stringList("ip");
        List<String> source = r.stringList("source");
        for (String ip : ips) {
            checkIp(r.get("ip"), ip);
        }
        for (String ip : source) {
            checkIp(r.get("source"), ip);
        }
        PortList port = portList(r, "port");
        PortList sourcePort = portList(r, "sourcePort");
        Set<Network> networks = Networks.parse(r, "network");
        List<String> users = r.stringList("user");
        List<String> inboundTags = r.stringList("inboundTag");
        List<String> protocols = r.stringList("protocol");
        if (domains.isEmpty() && ips.isEmpty() && port == null && sourcePort == null && networks.isEmpty()
                && source.isEmpty() && users.isEmpty() && inboundTags.isEmpty() && protocols.isEmpty()
                && r.string("attrs", "").isEmpty()) {
            throw r.error("app/router: this rule has no effective fields");
        }
        return new RoutingRule(domains, ips, port, sourcePort, networks, source, users, inboundTags, protocols,
                outboundTag, balancerTag, r.pointer(), attrs);
    }

    /** The rule's {@code attrs}: 4.34's syntax errors in its words, Starlark beyond vtool's subset refused by name. */
    private AttrExpression attrs(ConfigNode r) throws ConfigModelException {
        String text = r.string("attrs", "");
        if (text.isEmpty()) {
            return null;
        }
        try {
            return AttrExpression.parse(text);
        } catch (AttrExpression.SyntaxError e) {
            throw r.get("attrs").error("app/router: attr rule > " + e.getMessage());
        } catch (AttrExpression.Unsupported e) {
            problems.notSupported(r.get("attrs"), "routing rule \"attrs\" using " + e.getMessage(),
                    "vtool evaluates string literals, attrs[KEY], attrs.get(), ==, !=, in, not in, and, or, not, "
                            + "True/False and .startswith/.endswith/.lower/.upper/.strip");
            return null;
        }
    }

    private void checkDomain(ConfigNode r, String d) throws ConfigModelException {
        ConfigNode at = r.has("domain") ? r.get("domain") : r.get("domains");
        String[][] prefixes = {{"domain:", "domain"}, {"full:", "full domain"}, {"regexp:", "regexp"},
                {"keyword:", "keyword"}};
        for (String[] p : prefixes) {
            if (d.startsWith(p[0]) && d.length() == p[0].length()) {
                throw at.error("failed to parse domain rule: " + d + " > empty " + p[1] + " type of rule: " + d);
            }
        }
        if (d.startsWith("regexp:")) {
            try {
                java.util.regex.Pattern.compile(d.substring(7));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw at.error("app/router: failed to build domain condition > failed to create domain matcher > "
                        + "error parsing regexp: " + e.getDescription());
            }
        }
        if ((d.startsWith("ext:") || d.startsWith("ext-domain:")) && d.substring(d.indexOf(':') + 1).split(":", -1).length != 2) {
            throw at.error("failed to parse domain rule: " + d + " > invalid external resource: " + d);
        }
        if (d.startsWith("dotless:") && d.substring(8).contains(".")) {
            throw at.error("failed to parse domain rule: " + d + " > substr in dotless rule should not contain a dot: "
                    + d.substring(8));
        }
    }

    private void checkIp(ConfigNode at, String ip) throws ConfigModelException {
        if (ip.startsWith("geoip:")) {
            return;
        }
        if (ip.startsWith("ext:") || ip.startsWith("ext-ip:")) {
            if (ip.substring(ip.indexOf(':') + 1).split(":", -1).length != 2) {
                throw at.error("invalid external resource: " + ip);
            }
            return;
        }
        String addr = ip;
        int slash = ip.indexOf('/');
        if (slash >= 0) {
            addr = ip.substring(0, slash);
            String mask = ip.substring(slash + 1);
            int bits;
            try {
                bits = Integer.parseInt(mask);
            } catch (NumberFormatException e) {
                bits = -1;
            }
            int max = addr.contains(":") ? 128 : 32;
            if (bits < 0 || bits > max) {
                throw at.error("invalid IP: " + ip + " > invalid network mask for router: " + mask);
            }
        }
        if (!IpText.isIpLiteral(addr)) {
            throw at.error("unsupported address for router: " + ip);
        }
    }

    private static PortList portList(ConfigNode r, String key) throws ConfigModelException {
        ConfigNode p = r.get(key);
        if (p == null) {
            return null;
        }
        String text;
        if (p.json().isIntegralNumber()) {
            text = p.json().asString();
        } else if (p.json().isString()) {
            text = p.json().asString();
        } else {
            throw p.error(V2rayMessages.causedBy("invalid field rule", V2rayMessages.invalidPort(p.json())));
        }
        List<PortRange> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            PortRange range = PortText.parseRange(part.trim());
            if (range == null) {
                throw p.error(V2rayMessages.causedBy("invalid field rule", V2rayMessages.invalidPort(part.trim())));
            }
            ranges.add(range);
        }
        return ranges.isEmpty() ? null : new PortList(ranges);
    }

    private void checkBalancers(Routing routing) {
        Set<String> tags = new HashSet<>();
        for (Balancer b : routing.balancers()) {
            tags.add(b.tag());
        }
        for (RoutingRule r : routing.rules()) {
            if (r.balancerTag() != null && !tags.contains(r.balancerTag())) {
                problems.error(r.pointer(), "app/router: balancer " + r.balancerTag() + " not found");
            }
        }
    }
}
