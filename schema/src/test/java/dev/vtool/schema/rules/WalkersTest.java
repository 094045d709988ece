package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.JsonNodeFactory;

/** Proxy / Routing / Keys: V2Ray's order of deprecated sections, case-insensitive keys, string lists. */
class WalkersTest {
    private static ConfigDocument read(String json) {
        return new ConfigReader().read(new SourceFile("t.json", json)).document();
    }

    @Test
    void proxiesComeInV2raysOrderIncludingDeprecatedForms() {
        ConfigDocument doc = read("{\"inbounds\": [{\"tag\": \"c\"}], \"inboundDetour\": [{\"tag\": \"b\"}], \"inbound\": {\"tag\": \"a\"},"
                + "\"Outbounds\": [{\"tag\": \"z\", \"protocol\": \"VMess\"}], \"outbound\": {\"tag\": \"y\"}}");
        assertEquals(List.of("a", "b", "c"), Proxy.inbounds(doc).stream().map(Proxy::tag).toList());
        assertEquals(List.of("/inbound", "/inboundDetour/0", "/inbounds/0"),
                Proxy.inbounds(doc).stream().map(Proxy::pointer).toList());
        List<Proxy> outs = Proxy.outbounds(doc);
        assertEquals(List.of("y", "z"), outs.stream().map(Proxy::tag).toList());
        assertEquals("/Outbounds/0", outs.get(1).pointer(), "pointers keep the file's spelling");
        assertTrue(outs.get(1).is("vmess"), "protocol ids are lower-cased like V2Ray does");
    }

    @Test
    void rulesIncludeTheLegacySettingsList() {
        ConfigDocument doc = read("{\"routing\": {\"rules\": [{\"port\": 1}], \"settings\": {\"rules\": [{\"port\": 2}]}}}");
        assertEquals(List.of("/routing/rules/0", "/routing/settings/rules/0"),
                Routing.rules(doc).stream().map(Routing.Rule::pointer).toList());
    }

    @Test
    void routingTargetFollowsV2raysPrecedence() {
        ConfigDocument doc = read("{\"routing\": {\"rules\": [{\"outboundTag\": \"\", \"balancerTag\": \"b\"},"
                + "{\"outboundTag\": \"o\", \"balancerTag\": \"b\"}]}}");
        List<Routing.Rule> rules = Routing.rules(doc);
        assertEquals("b", rules.get(0).balancerTag(), "an empty outboundTag does not count");
        assertEquals("o", rules.get(1).outboundTag());
        assertEquals(null, rules.get(1).balancerTag(), "outboundTag wins over balancerTag");
    }

    @Test
    void keysPreferExactSpellingThenAnyCase() {
        var obj = JsonNodeFactory.instance.objectNode().put("PORT", 1).put("Listen", "x");
        assertEquals("PORT", Keys.name(obj, "port"));
        assertEquals("x", Keys.text(obj, "listen"));
        assertEquals("/in/Listen", Keys.ptr("/in", obj, "listen"));
        assertEquals("/in/tag", Keys.ptr("/in", obj, "tag"));
        var nullValued = JsonNodeFactory.instance.objectNode().putNull("port");
        assertTrue(Keys.get(nullValued, "port").isMissingNode(), "null means absent, as in V2Ray");
    }

    @Test
    void stringListsSplitCommasWithoutTrimming() {
        var f = JsonNodeFactory.instance;
        assertEquals(List.of("http", " tls"), Keys.stringList(f.stringNode("http, tls"), "/p").stream().map(Keys.Item::value).toList());
        List<Keys.Item> fromArray = Keys.stringList(f.arrayNode().add("a").add(1).add("b"), "/p");
        assertEquals(List.of("/p/0", "/p/2"), fromArray.stream().map(Keys.Item::pointer).toList());
    }
}
