package dev.vtool.schema.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.schema.source.SourceFile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Go's encoding/json key matching (Go 1.19, which built Debian's v2ray 4.34): an ASCII field name matches
 * a JSON key that differs only in ASCII letter case, or that uses the Kelvin sign for k or the long s
 * for s; nothing else (Java's equalsIgnoreCase would also take the dotted and dotless i).
 */
class GoKeysTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource({
            "protocol, protocol, true",
            "Protocol, protocol, true",
            "PROTOCOL, protocol, true",
            "pRoToCoL, protocol, true",
            "VNext, vnext, true",
            "ID, id, true",
            "alterid, alterId, true",
            "\u017Fettings, settings, true",      // long s folds to s
            "U\u017FER\u017F, users, true",
            "networ\u212A, network, true",        // Kelvin sign folds to k
            "\u0130d, id, false",                 // dotted capital I: Java folds it to i, Go does not
            "\u0131d, id, false",                 // dotless i
            "\u0130D, ID, false",
            "ids, id, false",
            "'id ', id, false",
            "i_d, id, false",
            "tls1, tls1, true",
            "TLS1, tls1, true",
            "tls!, tls1, false",
    })
    void matchesLikeGo(String key, String field, boolean expected) {
        assertEquals(expected, GoKeys.equalFold(key, field));
        assertEquals(expected, GoKeys.fold(key).equals(GoKeys.fold(field)));
    }

    @ParameterizedTest(name = "{0} in {1}")
    @CsvSource(delimiter = '|', value = {
            "protocol | {\"Protocol\": 1} | Protocol",
            "protocol | {\"protocol\": 1, \"x\": 2} | protocol",
            "users | {\"u\u017Fers\": 1} | u\u017Fers",
            "id | {\"\u0130d\": 1} | ",
    })
    void findsTheMemberAsGoDoes(String field, String json, String expected) {
        ReadResult r = new ConfigReader().read(new SourceFile("t.json", json));
        assertEquals(expected, GoKeys.member(r.document().root(), field));
        if (expected == null) {
            assertNull(GoKeys.member(r.document().root(), field));
        }
    }
}
