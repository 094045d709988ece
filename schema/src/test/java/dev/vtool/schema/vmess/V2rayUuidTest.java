package dev.vtool.schema.vmess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The forms of docs/spec/v2ray-config.md §5.1, each with the verdict 4.34 gives. */
class V2rayUuidTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    @Test
    void acceptsTheLenientForms() {
        byte[] expected = V2rayUuid.parse(ID).bytes();
        assertEquals(ID, V2rayUuid.format(expected));
        for (String form : new String[] {ID.toUpperCase(), "B831381D-6324-4d53-AD4F-8cda48b30811",
                "b831381d63244d53ad4f8cda48b30811", "b831381d-63244d53-ad4f8cda48b30811", "b831381d6324-4d53ad4f-8cda48b30811",
                "-" + ID, ID + "xyz"}) {
            V2rayUuid.Parse p = V2rayUuid.parse(form);
            assertTrue(p.ok(), form + ": " + p.error());
            assertArrayEquals(expected, p.bytes(), form);
        }
        assertEquals("xyz", V2rayUuid.parse(ID + "xyz").ignoredSuffix());
        assertTrue(V2rayUuid.sameId(ID, ID.toUpperCase().replace("-", "")));
    }

    @Test
    void rejectsWithV2raysMessages() {
        assertEquals("encoding/hex: invalid byte: U+007B '{'", V2rayUuid.parse("{" + ID + "}").error());
        assertEquals("encoding/hex: invalid byte: U+0075 'u'", V2rayUuid.parse("urn:uuid:" + ID).error());
        assertEquals("encoding/hex: invalid byte: U+002D '-'",
                V2rayUuid.parse("b831381d6-324-4d53-ad4f-8cda48b30811").error());
        assertEquals("invalid UUID: abc", V2rayUuid.parse("abc").error());
        assertEquals("invalid UUID: short", V2rayUuid.parse("short").error());
        assertEquals("invalid UUID: ", V2rayUuid.parse("").error());
        // 35 characters: the last group reads past the text into zeroed capacity.
        assertEquals("encoding/hex: invalid byte: U+0000", V2rayUuid.parse(ID.substring(0, 35)).error());
        assertEquals("encoding/hex: invalid byte: U+0000", V2rayUuid.parse("b831381d6324-4d53-ad4f-8cda48b3081").error());
        assertEquals(V2rayUuid.Outcome.REJECTED, V2rayUuid.parse("my-secret-password-for-vmess-users").outcome());
    }

    @Test
    void crashesOnThirtyTwoCharactersWithDashes() {
        // 28 hex digits and 4 dashes: the last group slices beyond the 32-byte buffer.
        String s = "b831381d-6324-4d53-ad4f-8cda48b3";
        assertEquals(32, s.length());
        V2rayUuid.Parse crash = V2rayUuid.parse(s);
        assertEquals(V2rayUuid.Outcome.CRASH, crash.outcome());
        // error() is the panic line v2ray prints; errorWithOutcome() adds what it means.
        assertEquals("panic: runtime error: slice bounds out of range [:12] with capacity 8", crash.error());
        assertEquals("panic: runtime error: slice bounds out of range [:12] with capacity 8 (v2ray crashes, exit 2)",
                crash.errorWithOutcome());
        assertEquals("invalid UUID: abc", V2rayUuid.parse("abc").errorWithOutcome());
        // One dash is enough.
        assertEquals(V2rayUuid.Outcome.CRASH, V2rayUuid.parse("-b831381d63244d53ad4f8cda48b3081").outcome());
        // 32 hex digits without dashes is fine.
        assertTrue(V2rayUuid.parse("b831381d63244d53ad4f8cda48b30811").ok());
    }

    @Test
    void canonicalFormIsLowerCaseWithDashes() {
        assertTrue(V2rayUuid.isCanonical(ID));
        assertFalse(V2rayUuid.isCanonical(ID.toUpperCase()));
        assertFalse(V2rayUuid.isCanonical(ID + "0"));
    }

    @Test
    void randomV4IsVersion4AndVariant1() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 50; i++) {
            String s = V2rayUuid.randomV4();
            UUID u = UUID.fromString(s);
            assertEquals(4, u.version());
            assertEquals(2, u.variant());
            assertTrue(V2rayUuid.parse(s).ok());
            seen.add(s);
        }
        assertEquals(50, seen.size());
    }

    @Test
    void nameBasedV5MatchesRfc4122ComputedIndependently() throws Exception {
        for (String name : new String[] {"example", "my-password", "日本語", "a"}) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(new byte[16]); // nil namespace
            byte[] h = sha1.digest(name.getBytes(StandardCharsets.UTF_8));
            long msb = 0;
            long lsb = 0;
            for (int i = 0; i < 8; i++) {
                msb = msb << 8 | (h[i] & 0xff);
                lsb = lsb << 8 | (h[i + 8] & 0xff);
            }
            msb = msb & ~0xF000L | 0x5000L;
            lsb = lsb & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
            UUID expected = new UUID(msb, lsb);
            assertEquals(expected.toString(), V2rayUuid.nameBasedV5(name), name);
            assertEquals(5, expected.version());
        }
        // Published in Xray's docs (config/inbounds/vmess): the mapping of this id string.
        assertEquals("5783a3e7-e373-51cd-8642-c83782b807c5", V2rayUuid.nameBasedV5("我爱🍉老师1314"));
        assertNotEquals(V2rayUuid.nameBasedV5("a"), V2rayUuid.nameBasedV5("b"));
        assertFalse(V2rayUuid.nameBasedV5("x").equals(V2rayUuid.nameBasedV5("X")));
    }
}
