package dev.vtool.schema.merge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** Every case of 4.34's Config.Override and of its 4.x-layout ordering, one test each. */
class ConfigMergerTest {
    private static ConfigDocument doc(String name, String json) {
        ConfigDocument d = new ConfigReader().read(new SourceFile(name, json)).document();
        if (d == null) {
            throw new IllegalArgumentException("not JSON: " + json);
        }
        return d;
    }

    /** Files given as name, json, name, json, ... */
    private static MergeResult merge(String... nameAndJson) {
        List<ConfigDocument> docs = new ArrayList<>();
        for (int i = 0; i < nameAndJson.length; i += 2) {
            docs.add(doc(nameAndJson[i], nameAndJson[i + 1]));
        }
        return new ConfigMerger().merge(docs);
    }

    private static List<String> tags(MergeResult r, String list) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : r.document().root().get(list)) {
            out.add(n.has("tag") ? n.get("tag").asString() : "");
        }
        return out;
    }

    private static String proxies(String key, String... tags) {
        return "{\"" + key + "\": [" + String.join(", ", Arrays.stream(tags)
                .map(t -> t.isEmpty() ? "{\"protocol\": \"freedom\"}" : "{\"tag\": \"" + t + "\", \"protocol\": \"freedom\"}")
                .toList()) + "]}";
    }

    @Test
    void oneModernFileIsTheSameDocument() {
        ConfigDocument d = doc("a.json", proxies("outbounds", "x"));
        MergeResult r = new ConfigMerger().merge(List.of(d));
        assertSame(d, r.document());
        assertTrue(r.findings().isEmpty());
    }

    @Test
    void laterSectionReplacesEarlierWhole() {
        MergeResult r = merge("a.json", "{\"log\": {\"loglevel\": \"debug\", \"access\": \"/tmp/a\"}, \"dns\": {\"servers\": [\"1.1.1.1\"]}}",
                "b.json", "{\"log\": {\"loglevel\": \"error\"}}");
        JsonNode log = r.document().root().get("log");
        assertEquals("error", log.get("loglevel").asString());
        assertFalse(log.has("access"), "sections are replaced, not deep-merged");
        assertEquals("1.1.1.1", r.document().root().get("dns").get("servers").get(0).asString());
        for (String section : List.of("routing", "transport", "policy", "api", "stats", "reverse")) {
            MergeResult s = merge("a.json", "{\"" + section + "\": {\"first\": 1}}", "b.json", "{\"" + section + "\": {\"second\": 2}}");
            assertTrue(s.document().root().get(section).has("second"), section);
            assertFalse(s.document().root().get(section).has("first"), section);
        }
    }

    @Test
    void nullSectionDoesNotReplace() {
        MergeResult r = merge("a.json", "{\"routing\": {\"domainStrategy\": \"AsIs\"}}", "b.json", "{\"routing\": null}");
        assertEquals("AsIs", r.document().root().get("routing").get("domainStrategy").asString());
    }

    @Test
    void sectionKeysMatchCaseInsensitively() {
        MergeResult r = merge("a.json", "{\"Log\": {\"loglevel\": \"debug\"}}", "b.json", "{\"LOG\": {\"loglevel\": \"none\"}}");
        assertEquals("none", r.document().root().get("log").get("loglevel").asString());
    }

    @Test
    void singleInboundWithKnownTagReplacesIt() {
        MergeResult r = merge("a.json", proxies("inbounds", "in1", "in2", "in3"),
                "b.json", "{\"inbounds\": [{\"tag\": \"in2\", \"protocol\": \"http\"}]}");
        assertEquals(List.of("in1", "in2", "in3"), tags(r, "inbounds"));
        assertEquals("http", r.document().root().get("inbounds").get(1).get("protocol").asString());
    }

    @Test
    void singleInboundWithNewTagIsAppended() {
        MergeResult r = merge("a.json", proxies("inbounds", "in1", "in2"), "b.json", proxies("inbounds", "new"));
        assertEquals(List.of("in1", "in2", "new"), tags(r, "inbounds"));
    }

    @Test
    void singleInboundWithoutTagReplacesFirstUntagged() {
        MergeResult r = merge("a.json", proxies("inbounds", "in1", "", ""),
                "b.json", "{\"inbounds\": [{\"protocol\": \"http\"}]}");
        assertEquals(List.of("in1", "", ""), tags(r, "inbounds"));
        assertEquals("http", r.document().root().get("inbounds").get(1).get("protocol").asString());
        assertEquals("freedom", r.document().root().get("inbounds").get(2).get("protocol").asString());
    }

    @Test
    void severalInboundsReplaceTheList() {
        MergeResult r = merge("a.json", proxies("inbounds", "in1", "in2"), "b.json", proxies("inbounds", "in2", "x"));
        assertEquals(List.of("in2", "x"), tags(r, "inbounds"));
    }

    @Test
    void singleInboundIntoEmptyListIsTheList() {
        MergeResult r = merge("a.json", "{}", "b.json", proxies("inbounds", "only"));
        assertEquals(List.of("only"), tags(r, "inbounds"));
    }

    @Test
    void emptyOrNullInboundsChangeNothing() {
        assertEquals(List.of("in1"), tags(merge("a.json", proxies("inbounds", "in1"), "b.json", "{\"inbounds\": []}"), "inbounds"));
        assertEquals(List.of("in1"), tags(merge("a.json", proxies("inbounds", "in1"), "b.json", "{\"inbounds\": null}"), "inbounds"));
        assertEquals(List.of("in1"), tags(merge("a.json", proxies("inbounds", "in1"), "b.json", "{}"), "inbounds"));
    }

    @Test
    void singleOutboundWithKnownTagReplacesIt() {
        MergeResult r = merge("a.json", proxies("outbounds", "o1", "o2"),
                "b.json", "{\"outbounds\": [{\"tag\": \"o2\", \"protocol\": \"blackhole\"}]}");
        assertEquals(List.of("o1", "o2"), tags(r, "outbounds"));
        assertEquals("blackhole", r.document().root().get("outbounds").get(1).get("protocol").asString());
    }

    @Test
    void singleOutboundWithNewTagIsPrependedAndBecomesTheDefault() {
        MergeResult r = merge("a.json", proxies("outbounds", "o1", "o2"), "b.json", proxies("outbounds", "new"));
        assertEquals(List.of("new", "o1", "o2"), tags(r, "outbounds"));
    }

    @Test
    void singleOutboundFromTailFileIsAppended() {
        MergeResult r = merge("a.json", proxies("outbounds", "o1"), "conf/99_TAIL.json", proxies("outbounds", "new"));
        assertEquals(List.of("o1", "new"), tags(r, "outbounds"));
        // the whole name as given counts, directories included
        MergeResult d = merge("a.json", proxies("outbounds", "o1"), "tails/x.json", proxies("outbounds", "new"));
        assertEquals(List.of("o1", "new"), tags(d, "outbounds"));
    }

    @Test
    void severalOutboundsReplaceTheListEvenFromTail() {
        MergeResult r = merge("a.json", proxies("outbounds", "o1"), "tail.json", proxies("outbounds", "x", "y"));
        assertEquals(List.of("x", "y"), tags(r, "outbounds"));
    }

    @Test
    void threeFilesApplyInOrder() {
        MergeResult r = merge("00_base.json", proxies("outbounds", "direct", "block"),
                "10_proxy.json", proxies("outbounds", "proxy"),
                "20_tail.json", proxies("outbounds", "last"));
        assertEquals(List.of("proxy", "direct", "block", "last"), tags(r, "outbounds"));
    }

    @Test
    void everyValueLocatesItsOwnFileAndLine() {
        ConfigDocument a = doc("a.json", "{\n  \"outbounds\": [\n    {\"tag\": \"o1\", \"protocol\": \"freedom\"}\n  ]\n}");
        ConfigDocument b = doc("b.json", "{\n\n\n  \"outbounds\": [{\"tag\": \"new\",\n \"protocol\": \"blackhole\"}],\n  \"log\": {\"loglevel\": \"debug\"}\n}");
        ConfigDocument m = new ConfigMerger().merge(List.of(a, b)).document();
        Location p0 = m.locate("/outbounds/0/protocol");
        assertEquals("b.json", p0.fileName());
        assertEquals(5, p0.line());
        Location p1 = m.locate("/outbounds/1/tag");
        assertEquals("a.json", p1.fileName());
        assertEquals(3, p1.line());
        assertEquals("b.json", m.locateKey("/log").fileName());
        assertEquals(6, m.locateKey("/log").line());
        // a missing value falls back to its nearest present ancestor in the right file
        assertEquals("a.json", m.locate("/outbounds/1/settings/x").fileName());
        assertEquals(List.of("a.json", "b.json"), m.sources().stream().map(SourceFile::name).toList());
    }

    @Test
    void legacyLayoutOrdersInboundThenDetourThenModern() {
        MergeResult r = merge("old.json", """
                {"inbounds": [{"tag": "modern", "protocol": "http"}],
                 "inboundDetour": [{"tag": "d1", "protocol": "socks"}, {"tag": "d2", "protocol": "socks"}],
                 "inbound": {"tag": "single", "protocol": "vmess"},
                 "outboundDetour": [{"tag": "od", "protocol": "blackhole"}],
                 "outbound": {"tag": "main", "protocol": "freedom"}}
                """);
        assertEquals(List.of("single", "d1", "d2", "modern"), tags(r, "inbounds"));
        assertEquals(List.of("main", "od"), tags(r, "outbounds"));
        JsonNode root = r.document().root();
        for (String old : List.of("inbound", "outbound", "inboundDetour", "outboundDetour")) {
            assertFalse(root.has(old), old);
        }
        assertEquals(4, r.findings().size());
        Finding detour = r.findings().stream().filter(f -> f.message().startsWith("\"inboundDetour\"")).findFirst().orElseThrow();
        assertEquals(ConfigMerger.DEPRECATED_LAYOUT.id(), detour.ruleId());
        assertEquals(2, detour.location().line());
        assertTrue(detour.fix().contains("\"inbounds\": [{\"tag\": \"single\", \"protocol\": \"vmess\"}, {\"tag\": \"d1\""), detour.fix());
        assertEquals(3, r.document().locate("/inbounds/0/protocol").line());
        assertEquals(2, r.document().locate("/inbounds/2").line());
        assertEquals(1, r.document().locate("/inbounds/3").line());
    }

    @Test
    void topLevelPortGoesToTheFirstInboundWithoutOne() {
        MergeResult r = merge("old.json", "{\"port\": 1080,\n \"inbound\": {\"protocol\": \"socks\"}}");
        JsonNode in = r.document().root().get("inbounds").get(0);
        assertEquals(1080, in.get("port").asInt());
        assertFalse(r.document().root().has("port"));
        assertEquals(1, r.document().locate("/inbounds/0/port").line());
        assertEquals(2, r.document().locate("/inbounds/0/protocol").line());
        MergeResult own = merge("old.json", "{\"port\": 1080, \"inbound\": {\"protocol\": \"socks\", \"port\": 2000}}");
        assertEquals(2000, own.document().root().get("inbounds").get(0).get("port").asInt());
        assertTrue(own.findings().stream().anyMatch(f -> f.message().contains("ignores it")));
    }

    @Test
    void topLevelPortIsReadFromTheFirstFileOnly() {
        MergeResult r = merge("a.json", "{\"inbounds\": [{\"protocol\": \"socks\"}]}",
                "b.json", "{\"port\": 1080}");
        assertFalse(r.document().root().get("inbounds").get(0).has("port"));
    }

    @Test
    void deprecatedSectionsMergeLikeOtherSections() {
        MergeResult r = merge("a.json", "{\"inboundDetour\": [{\"tag\": \"d1\", \"protocol\": \"socks\"}], \"outbound\": {\"tag\": \"o\", \"protocol\": \"freedom\"}}",
                "b.json", "{\"inboundDetour\": [], \"outbound\": null}");
        assertEquals(List.of(), tags(r, "inbounds"), "an empty inboundDetour replaces the earlier one");
        assertEquals(List.of("o"), tags(r, "outbounds"), "null does not replace");
    }

    @Test
    void deprecatedEntriesAreNotReplacedByTag() {
        // 4.34 matches a single new entry's tag only against "inbounds", never against the 4.x sections
        MergeResult r = merge("a.json", "{\"inbound\": {\"tag\": \"x\", \"protocol\": \"socks\"}, \"inbounds\": [{\"tag\": \"y\", \"protocol\": \"http\"}]}",
                "b.json", "{\"inbounds\": [{\"tag\": \"x\", \"protocol\": \"vmess\"}]}");
        assertEquals(List.of("x", "y", "x"), tags(r, "inbounds"));
    }

    @Test
    void unknownTopLevelKeysAreKeptForLint() {
        MergeResult r = merge("a.json", "{\"fakedns\": 1}", "b.json", "{\"log\": {}}");
        assertTrue(r.document().root().has("fakedns"));
        assertEquals("a.json", r.document().locateKey("/fakedns").fileName());
    }
}
