package dev.vtool.engine.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.model.Routing;
import dev.vtool.schema.source.SourceFile;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The indexed router against the rules' plain meaning: matchers' edge cases and a scan in rule order. */
class RuleTableTest {
    private static final GeoData NO_GEO = new GeoData(List.of());

    private static Router router(String rulesJson, List<String> tags) throws Exception {
        String json = "{\"routing\": {\"rules\": " + rulesJson + "}}";
        Routing routing = new ConfigModelBuilder().build(new ConfigReader().read(new SourceFile("r.json", json))
                .document()).routing();
        return new Router(routing, tags, NO_GEO);
    }

    private static RoutingContext to(String domain, String ip, int port) throws Exception {
        return new RoutingContext(Network.TCP, domain, ip == null ? List.of() : List.of(InetAddress.getByName(ip)),
                port, InetAddress.getByName("127.0.0.1"), 40000, "in", "", "");
    }

    @Test
    void domainMatchesItselfAndSubdomainsOnly() throws Exception {
        DomainMatcher m = new DomainMatcher(List.of("domain:example.com"), NO_GEO);
        assertTrue(m.matches("example.com"));
        assertTrue(m.matches("www.example.com"));
        assertTrue(m.matches("a.b.EXAMPLE.com"));
        assertFalse(m.matches("xexample.com"));
        assertFalse(m.matches("example.com.cn"));
        assertFalse(m.matches("com"));
        assertFalse(m.matches(null));
        DomainMatcher full = new DomainMatcher(List.of("full:example.com"), NO_GEO);
        assertTrue(full.matches("Example.COM"));
        assertFalse(full.matches("www.example.com"));
    }

    @Test
    void keywordsFindOverlappingAndNestedSubstrings() throws Exception {
        // "she" inside "ushers" needs the automaton's failure links; "he"/"hers" overlap it
        for (String kw : List.of("he", "she", "his", "hers")) {
            DomainMatcher m = new DomainMatcher(List.of("keyword:" + kw, "keyword:zzz-never"), NO_GEO);
            assertEquals("ushers".contains(kw), m.matches("ushers"), kw);
        }
        DomainMatcher abc = new DomainMatcher(List.of("keyword:abcd", "keyword:bc"), NO_GEO);
        assertTrue(abc.matches("xabcx"), "bc found after abcd fails at x");
        assertFalse(abc.matches("acbd"));
        assertTrue(new DomainMatcher(List.of("KeyWord-Plain"), NO_GEO).matches("a.keyword-plain.b"));
        assertTrue(new DomainMatcher(List.of("keyword:"), NO_GEO).matches("any.thing"), "empty keyword: in every name");
    }

    @Test
    void regexpsSeeTheNameAsGivenAndDotlessWantsNoDots() throws Exception {
        DomainMatcher re = new DomainMatcher(List.of("regexp:^Ad[0-9]+\\."), NO_GEO);
        assertTrue(re.matches("Ad12.net"));
        assertFalse(re.matches("ad12.net"), "regexps are case-sensitive, as in 4.34");
        DomainMatcher dotless = new DomainMatcher(List.of("dotless:"), NO_GEO);
        assertTrue(dotless.matches("intranet"));
        assertFalse(dotless.matches("intra.net"));
    }

    @Test
    void ipRangesOverlapV6AndMapped() throws Exception {
        IpMatcher m = new IpMatcher(List.of("10.0.0.0/8", "10.1.0.0/16", "192.168.1.7", "2001:db8::/32", "0.0.0.0/32"),
                NO_GEO);
        assertTrue(m.matches(InetAddress.getByName("10.1.2.3")));
        assertTrue(m.matches(InetAddress.getByName("10.255.255.255")));
        assertFalse(m.matches(InetAddress.getByName("11.0.0.0")));
        assertFalse(m.matches(InetAddress.getByName("9.255.255.255")));
        assertTrue(m.matches(InetAddress.getByName("192.168.1.7")));
        assertFalse(m.matches(InetAddress.getByName("192.168.1.8")));
        assertTrue(m.matches(InetAddress.getByName("0.0.0.0")));
        assertTrue(m.matches(InetAddress.getByName("2001:db8:ffff::1")));
        assertFalse(m.matches(InetAddress.getByName("2001:db9::1")));
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xFF;
        mapped[11] = (byte) 0xFF;
        mapped[12] = 10;
        assertTrue(m.matches(java.net.Inet6Address.getByAddress(null, mapped, -1)), "::ffff:10.0.0.0 is in 10/8");
        IpMatcher all = new IpMatcher(List.of("0.0.0.0/0", "::/0"), NO_GEO);
        assertTrue(all.matches(InetAddress.getByName("255.255.255.255")));
        assertTrue(all.matches(InetAddress.getByName("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff")));
        IpMatcher unaligned = new IpMatcher(List.of("172.16.9.9/12"), NO_GEO);
        assertTrue(unaligned.matches(InetAddress.getByName("172.31.0.1")), "host bits of the network are ignored");
        assertFalse(unaligned.matches(InetAddress.getByName("172.32.0.1")));
    }

    @Test
    void firstMatchWinsAcrossIndexedAndPlainRules() throws Exception {
        Router r = router("""
                [{"type": "field", "domain": ["domain:a.com"], "port": "443", "outboundTag": "r0"},
                 {"type": "field", "port": "8080", "outboundTag": "r1"},
                 {"type": "field", "ip": ["10.0.0.0/8"], "network": "udp", "outboundTag": "r2"},
                 {"type": "field", "domain": ["keyword:a"], "ip": ["10.0.0.0/8"], "outboundTag": "r3"},
                 {"type": "field", "ip": ["10.0.0.0/8"], "outboundTag": "r4"},
                 {"type": "field", "domain": ["regexp:\\\\.com$"], "outboundTag": "r5"},
                 {"type": "field", "domain": ["full:www.a.com"], "outboundTag": "r6"}]
                """, List.of("r0", "r1", "r2", "r3", "r4", "r5", "r6"));
        assertEquals("r0", r.pick(to("www.a.com", null, 443)));
        assertEquals("r1", r.pick(to("www.a.com", null, 8080)), "a plain rule before the domain rules");
        assertEquals("r5", r.pick(to("www.a.com", null, 80)), "the regexp rule comes before the full: one");
        assertEquals("r3", r.pick(to("a.org", "10.1.1.1", 80)), "domain and ip both hold");
        assertEquals("r4", r.pick(to("b.org", "10.1.1.1", 80)), "r3's keyword does not hold");
        assertEquals("r4", r.pick(to(null, "10.1.1.1", 80)), "r2 wants udp");
        assertNull(r.pick(to("b.org", "11.1.1.1", 80)));
    }

    // ---- random rule sets against a scan in rule order with the patterns' plain meaning ----

    private record RefRule(List<String> domains, List<String> ips, String port) {
        boolean matches(String domain, InetAddress ip, int p) throws Exception {
            if (!domains.isEmpty() && (domain == null || domains.stream().noneMatch(d -> domainMatches(d, domain)))) {
                return false;
            }
            if (!ips.isEmpty()) {
                if (ip == null) {
                    return false;
                }
                boolean any = false;
                for (String c : ips) {
                    any |= Cidr.parse(c).contains(ip.getAddress());
                }
                if (!any) {
                    return false;
                }
            }
            return port == null || Integer.parseInt(port) == p;
        }

        static boolean domainMatches(String pattern, String domain) {
            String d = domain.toLowerCase(Locale.ROOT);
            int colon = pattern.indexOf(':');
            String v = pattern.substring(colon + 1);
            return switch (pattern.substring(0, colon)) {
                case "full" -> d.equals(v);
                case "domain" -> d.equals(v) || d.endsWith("." + v);
                case "keyword" -> d.contains(v);
                case "regexp" -> Pattern.compile(v).matcher(domain).find();
                default -> throw new IllegalArgumentException(pattern);
            };
        }
    }

    @Test
    void randomRuleSetsPickWhatAScanInOrderPicks() throws Exception {
        Random rnd = new Random(20261203);
        String[] labels = {"a", "b", "ab", "ba", "cd", "x"};
        String[] tlds = {"com", "net", "cn"};
        for (int round = 0; round < 20; round++) {
            List<RefRule> ref = new ArrayList<>();
            StringBuilder json = new StringBuilder("[");
            List<String> tags = new ArrayList<>();
            for (int i = 0; i < 60; i++) {
                List<String> domains = new ArrayList<>();
                List<String> ips = new ArrayList<>();
                int shape = rnd.nextInt(4);
                if (shape != 1) {
                    for (int k = 0; k <= rnd.nextInt(3); k++) {
                        String name = labels[rnd.nextInt(labels.length)] + "." + tlds[rnd.nextInt(tlds.length)];
                        domains.add(switch (rnd.nextInt(4)) {
                            case 0 -> "full:" + name;
                            case 1 -> "domain:" + name;
                            case 2 -> "keyword:" + labels[rnd.nextInt(labels.length)];
                            default -> "regexp:^" + labels[rnd.nextInt(labels.length)] + "\\.";
                        });
                    }
                }
                if (shape == 1 || shape == 3) {
                    for (int k = 0; k <= rnd.nextInt(2); k++) {
                        int prefix = 8 + rnd.nextInt(17);
                        ips.add("10." + rnd.nextInt(4) + "." + rnd.nextInt(4) + ".0/" + prefix);
                    }
                }
                String port = rnd.nextInt(3) == 0 ? String.valueOf(80 + rnd.nextInt(2)) : null;
                if (domains.isEmpty() && ips.isEmpty() && port == null) {
                    port = "81";
                }
                RefRule rr = new RefRule(domains, ips, port);
                ref.add(rr);
                tags.add("t" + i);
                json.append(i == 0 ? "" : ",").append("{\"type\": \"field\", \"outboundTag\": \"t").append(i).append('"');
                if (!domains.isEmpty()) {
                    json.append(", \"domain\": [").append(String.join(",", domains.stream()
                            .map(d -> '"' + d.replace("\\", "\\\\") + '"').toList())).append(']');
                }
                if (!ips.isEmpty()) {
                    json.append(", \"ip\": [").append(String.join(",", ips.stream().map(s -> '"' + s + '"').toList()))
                            .append(']');
                }
                if (port != null) {
                    json.append(", \"port\": \"").append(port).append('"');
                }
                json.append('}');
            }
            Router router = router(json.append(']').toString(), tags);
            for (int q = 0; q < 200; q++) {
                String domain = rnd.nextInt(4) == 0 ? null : (rnd.nextBoolean() ? labels[rnd.nextInt(labels.length)] + "." : "")
                        + labels[rnd.nextInt(labels.length)] + "." + tlds[rnd.nextInt(tlds.length)];
                String ip = rnd.nextInt(3) == 0 ? null : "10." + rnd.nextInt(5) + "." + rnd.nextInt(5) + "." + rnd.nextInt(256);
                int port = 79 + rnd.nextInt(3);
                String expected = null;
                for (int i = 0; i < ref.size(); i++) {
                    if (ref.get(i).matches(domain, ip == null ? null : InetAddress.getByName(ip), port)) {
                        expected = "t" + i;
                        break;
                    }
                }
                assertEquals(expected, router.pick(to(domain, ip, port)), domain + " " + ip + " :" + port);
            }
        }
    }
}
