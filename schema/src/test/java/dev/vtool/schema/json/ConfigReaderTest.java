package dev.vtool.schema.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.source.SourceFile;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {
    private final ConfigReader reader = new ConfigReader();

    private ReadResult read(String text) {
        return reader.read(new SourceFile("t.json", text));
    }

    private Finding onlyFinding(String text) {
        ReadResult r = read(text);
        assertEquals(1, r.findings().size(), () -> "findings: " + r.findings());
        return r.findings().get(0);
    }

    @Test
    void keepsPositionsOfValuesAndKeysThroughComments() {
        String text = "{\n  // a comment\n  \"inbounds\": [ /* x */ {\"port\": 1080, # hash comment\n \"protocol\": \"socks\"}]\n}";
        ReadResult r = read(text);
        assertTrue(r.ok(), () -> r.findings().toString());
        ConfigDocument doc = r.document();
        assertEquals(1080, doc.at("/inbounds/0/port").asInt());
        Location port = doc.locate("/inbounds/0/port");
        assertEquals(3, port.line());
        assertEquals(34, port.column());
        assertEquals(26, doc.locateKey("/inbounds/0/port").column());
        assertEquals(4, doc.locate("/inbounds/0/protocol").line());
        // a missing value is located at its nearest present ancestor
        assertEquals(doc.locate("/inbounds/0"), doc.locate("/inbounds/0/settings/clients"));
    }

    @Test
    void aNumberBeyondRangeIsReadNotASyntaxError() {
        // found by ConfigReaderFuzzTest: BigDecimal refuses an exponent this large, but it is valid JSON and
        // 4.34 skips it under a key it ignores; the schema then refuses it where an integer is due
        ReadResult r = new ConfigReader().read(new SourceFile("t.json",
                "{\n  \"policy\": {\"levels\": {\"0\": {\"handshake\": 5e5555555555}}}\n}"));
        assertTrue(r.ok(), r.findings().toString());
        assertTrue(r.findings().isEmpty(), r.findings().toString());
        assertTrue(r.document().at("/policy/levels/0/handshake").isNumber());
    }

    @Test
    void missingCommaPointsAtTheNextMember() {
        Finding f = onlyFinding("{\n  \"a\": 1\n  \"b\": 2\n}");
        assertEquals("json-syntax", f.ruleId());
        assertEquals(3, f.location().line());
        assertEquals(3, f.location().column());
        assertTrue(f.message().contains("missing comma"), f.message());
        assertTrue(f.fix().contains("line 2"), f.fix());
    }

    @Test
    void trailingCommaPointsAtTheComma() {
        Finding f = onlyFinding("{\n  \"a\": 1,\n}");
        assertEquals(2, f.location().line());
        assertEquals(9, f.location().column());
        assertTrue(f.message().contains("trailing comma"), f.message());
        Finding g = onlyFinding("{\"a\": [1, 2, ]}");
        assertTrue(g.message().contains("trailing comma"), g.message());
        assertEquals(12, g.location().column());
    }

    @Test
    void unquotedKeySingleQuotesAndSmartQuotes() {
        assertTrue(onlyFinding("{ port: 1 }").message().contains("key port is not in double quotes"));
        assertTrue(onlyFinding("{ 'port': 1 }").message().contains("single quotes"));
        Finding smart = onlyFinding("{ \u201Cport\u201D: 1 }");
        assertTrue(smart.message().contains("typographic quote"), smart.message());
        assertEquals(3, smart.location().column());
    }

    @Test
    void unterminatedCommentAndUnclosedBrace() {
        Finding c = onlyFinding("{\n \"a\": 1 /* never\n closed }");
        assertTrue(c.message().contains("comment is never closed"), c.message());
        assertEquals(2, c.location().line());
        assertEquals(9, c.location().column());
        Finding b = onlyFinding("{\n \"a\": [1, 2\n");
        assertTrue(b.message().contains("ends before this [ is closed"), b.message());
        assertEquals(2, b.location().line());
    }

    @Test
    void bomIsReportedButTheRestIsStillRead() {
        ReadResult r = read("\uFEFF{\"log\": {}}");
        assertTrue(r.ok());
        assertEquals("bom", r.findings().get(0).ruleId());
        assertEquals(3, r.document().locateKey("/log").column());
    }

    @Test
    void duplicateKeysWarnAndLastWins() {
        ReadResult r = read("{\"port\": 1,\n \"Port\": 2}");
        assertTrue(r.ok());
        assertEquals(2, r.document().at("/Port").asInt());
        // only the last spelling stays in the tree; pointers find it under either spelling, as Go does
        assertEquals(1, r.document().root().size());
        assertEquals("/Port", r.document().resolve("/port"));
        assertEquals(2, r.document().at("/port").asInt());
        Finding f = r.findings().get(0);
        assertEquals("duplicate-key", f.ruleId());
        assertEquals(2, f.location().line());
        assertEquals(1, f.related().size());
    }

    @Test
    void emptyFileAndNonObjectTopLevel() {
        assertNull(read("  // nothing\n").document());
        assertTrue(onlyFinding("").message().contains("empty"));
        Finding arr = onlyFinding("[]");
        assertEquals("not-an-object", arr.ruleId());
        assertNotNull(arr.fix());
    }

    @Test
    void windowsPathBackslash() {
        Finding f = onlyFinding("{\"access\": \"C:\\v2ray\\log.txt\"}");
        assertTrue(f.message().contains("backslash"), f.message());
    }

    @Test
    void lineCommentsEndAtNewlineOnly() {
        // 4.34 keeps a \r, \v or \f inside a // or # comment: the keys after it are comment, not config
        for (String end : new String[] {"\r", "\u000B", "\f"}) {
            for (String start : new String[] {"//", "#"}) {
                String text = "{\n  \"log\": {} " + start + " note" + end + ", \"inbounds\": [{\"port\": 1}]\n}";
                ReadResult r = read(text);
                assertTrue(r.ok(), () -> start + end + ": " + r.findings());
                assertFalse(r.document().has("/inbounds"), start + end);
            }
        }
    }

    @Test
    void positionsAfterABlockCommentAndACarriageReturnComment() {
        String text = "{ /* one\ntwo */ \"a\": 1, // x\ry\r\n  \"b\": true}";
        ReadResult r = read(text);
        assertTrue(r.ok(), () -> r.findings().toString());
        assertEquals(new Location(r.document().source(), 2, 13), r.document().locate("/a"));
        // the \r inside the comment is a line break for the editor (and for SourceFile), not for V2Ray
        assertEquals(4, r.document().locate("/b").line());
        assertEquals(8, r.document().locate("/b").column());
    }

    @Test
    void aBlockCommentJoinsTheTokensAround() {
        // 4.34 removes /**/ without a space, so 10/**/80 is the number 1080
        ReadResult r = read("{\"port\": 10/**/80}");
        assertTrue(r.ok(), () -> r.findings().toString());
        assertEquals(1080, r.document().at("/port").asInt());
    }

    @Test
    void aLoneSlashIsExplained() {
        Finding f = onlyFinding("{\n  \"a\": 1, / not a comment\n}");
        assertEquals(2, f.location().line());
        assertEquals(11, f.location().column());
        assertTrue(f.message().contains("single /"), f.message());
    }

    @Test
    void pointersFindKeysTheWayV2rayDoes() {
        ReadResult r = read("{\"OutBounds\": [{\"Protocol\": \"vmess\", \"SETTINGS\": {\"VNext\": [{\"u\u017Fers\": [{\"ID\": \"x\"}]}]}}]}");
        ConfigDocument doc = r.document();
        assertEquals("vmess", doc.at("/outbounds/0/protocol").asString());
        assertEquals("x", doc.at("/outbounds/0/settings/vnext/0/users/0/id").asString());
        assertEquals("/OutBounds/0/SETTINGS/VNext/0/u\u017Fers/0/ID", doc.resolve("/outbounds/0/settings/vnext/0/users/0/id"));
        assertNull(doc.resolve("/outbounds/0/settings/vnext/0/users/0/alterId"));
        assertEquals(doc.locate("/OutBounds/0/SETTINGS/VNext/0/u\u017Fers/0/ID"), doc.locate("/outbounds/0/settings/vnext/0/users/0/id"));
        assertTrue(doc.at("/outbounds/0/\u0130d").isMissingNode());
    }

    @Test
    void keysOfGoMapsAreDataSoCaseVariantsStay() {
        // 4.34 reads headers and dns.hosts into maps: "Host" and "host" are two entries, not a repeated field
        ReadResult r = read("{\"dns\": {\"Hosts\": {\"a.example\": \"1.1.1.1\", \"A.example\": \"2.2.2.2\"}},"
                + " \"x\": {\"wsSettings\": {\"Headers\": {\"Host\": \"a\", \"host\": \"b\"}}}}");
        assertTrue(r.ok());
        assertTrue(r.findings().isEmpty(), () -> r.findings().toString());
        assertEquals(2, r.document().at("/dns/hosts").size());
        assertEquals(2, r.document().at("/x/wsSettings/headers").size());
        assertEquals("b", r.document().at("/x/wsSettings/headers/host").asString());
        assertTrue(ConfigReader.isGoMap("/inbounds/0/streamSettings/tcpSettings/header/request/headers"));
        assertFalse(ConfigReader.isGoMap("/inbounds/0/hosts"));
        assertFalse(ConfigReader.isGoMap("/headers/x"));
    }
}
