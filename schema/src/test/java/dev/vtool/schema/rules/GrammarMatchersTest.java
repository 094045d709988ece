package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.schema.rules.DomainMatcher.Site;
import org.junit.jupiter.api.Test;

/**
 * The domain/IP matcher grammars against 4.34's own words (each expected string was read off {@code v2ray -test}
 * output for the same value), including Go-vs-Java regexp differences.
 */
class GrammarMatchersTest {
    private static final Site ROUTING = Site.ROUTING_OR_DNS_SERVER;

    @Test
    void domainPrefixesNeedAValueAndAreCaseSensitive() {
        assertEquals("empty domain type of rule: domain:", DomainMatcher.problem("domain:", ROUTING));
        assertEquals("empty full domain type of rule: full:", DomainMatcher.problem("full:", ROUTING));
        assertEquals("empty keyword type of rule: keyword:", DomainMatcher.problem("keyword:", ROUTING));
        assertEquals("empty regexp type of rule: regexp:", DomainMatcher.problem("regexp:", ROUTING));
        assertEquals("empty listname in rule: geosite:", DomainMatcher.problem("geosite:", ROUTING));
        assertEquals("empty geosite rule: geosite:", DomainMatcher.problem("geosite:", Site.DNS_HOSTS));
        assertNull(DomainMatcher.problem("Domain:", ROUTING), "a capitalised prefix is a plain substring in 4.34");
        assertNull(DomainMatcher.problem("", ROUTING), "an empty plain value is accepted");
        assertNull(DomainMatcher.problem("domain:example.com", ROUTING));
    }

    @Test
    void externalListsAndDotless() {
        assertEquals("invalid external resource: ext:foo", DomainMatcher.problem("ext:foo", ROUTING));
        assertEquals("invalid external resource: ext-domain:a:b:c", DomainMatcher.problem("ext-domain:a:b:c", ROUTING));
        assertNull(DomainMatcher.problem("ext-domain:a", Site.DNS_HOSTS), "the hosts switch has no ext-domain: prefix");
        assertNull(DomainMatcher.problem("ext:custom.dat:ads", ROUTING));
        assertEquals("substr in dotless rule should not contain a dot: a.b", DomainMatcher.problem("dotless:a.b", ROUTING));
        assertNull(DomainMatcher.problem("dotless:", ROUTING));
        assertEquals("error parsing regexp: missing closing ): `^[^.]*([^.]*$`", DomainMatcher.problem("dotless:(", ROUTING));
    }

    @Test
    void regexpsFollowGoNotJava() {
        assertEquals("error parsing regexp: missing closing ): `(`", DomainMatcher.problem("regexp:(", ROUTING));
        assertEquals("error parsing regexp: invalid nested repetition operator: `++`", DomainMatcher.problem("regexp:a++", ROUTING));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?=`", DomainMatcher.problem("regexp:(?=x)a", ROUTING));
        assertEquals("error parsing regexp: invalid or unsupported Perl syntax: `(?<`", DomainMatcher.problem("regexp:(?<n>x)", ROUTING));
        assertEquals("error parsing regexp: invalid repeat count: `{1001}`", DomainMatcher.problem("regexp:a{1001}", ROUTING));
        assertNull(DomainMatcher.problem("regexp:(?P<n>x)\\pL", ROUTING), "Go's named groups and Unicode classes");
        assertNull(DomainMatcher.problem("regexp:\\(?<n", ROUTING), "an escaped parenthesis is no group");
    }

    @Test
    void ipMatchersFollowParseIp() {
        assertNull(IpMatcher.problem("10.0.0.0/8"));
        assertNull(IpMatcher.problem("1.2.3.4/"), "an empty mask means the whole address");
        assertNull(IpMatcher.problem("1.2.3.4 "), "ParseAddress trims spaces");
        assertNull(IpMatcher.problem("[::1]/128"));
        assertNull(IpMatcher.problem("geoip:private"));
        assertEquals("invalid IP: 1.2.3.4/33 > invalid network mask for router: 33", IpMatcher.problem("1.2.3.4/33"));
        assertEquals("invalid IP: ::1/129 > invalid network mask for router: 129", IpMatcher.problem("::1/129"));
        assertEquals("invalid IP: ::ffff:10.0.0.0/104 > invalid network mask for router: 104",
                IpMatcher.problem("::ffff:10.0.0.0/104"), "an IPv4-mapped address is IPv4 to 4.34");
        assertEquals("invalid IP: 1.2.3.4/x > invalid network mask for router: x > strconv.ParseUint: parsing \"x\": invalid syntax",
                IpMatcher.problem("1.2.3.4/x"));
        assertEquals("invalid IP: 1.2.3.4/99999999999 > invalid network mask for router: 99999999999 > strconv.ParseUint: "
                + "parsing \"99999999999\": value out of range", IpMatcher.problem("1.2.3.4/99999999999"));
        assertEquals("invalid IP: example.com > unsupported address for router: example.com", IpMatcher.problem("example.com"));
        assertEquals("invalid IP:  > unsupported address for router: ", IpMatcher.problem(""));
        assertEquals("empty country name in rule", IpMatcher.problem("geoip:"));
        assertEquals("invalid external resource: ext:x", IpMatcher.problem("ext:x"));
        assertEquals("empty filename or empty country in rule", IpMatcher.problem("ext-ip::cn"));
    }
}
