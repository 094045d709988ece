package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class V2rayUuidTest {
    private static final String CANON = "b831381d-6324-4d53-ad4f-8cda48b30811";

    @Test
    void acceptsTheLenientFormsOf434() {
        byte[] expected = V2rayUuid.parse(CANON).bytes();
        for (String id : List.of(CANON, CANON.toUpperCase(), "b831381d63244d53ad4f8cda48b30811",
                "b831381d6324-4d53ad4f-8cda48b30811", "-" + CANON, CANON + "xyz")) {
            V2rayUuid.Result r = V2rayUuid.parse(id);
            assertTrue(r.ok(), id);
            assertArrayEquals(expected, r.bytes(), id);
        }
        assertEquals(CANON, V2rayUuid.format(expected));
    }

    @Test
    void rejectsWithV2raysOwnWords() {
        assertEquals("encoding/hex: invalid byte: U+007B '{'", V2rayUuid.parse("{" + CANON + "}").error());
        assertEquals("encoding/hex: invalid byte: U+002D '-'", V2rayUuid.parse("b831381d6-324-4d53-ad4f-8cda48b30811").error());
        assertEquals("invalid UUID: short", V2rayUuid.parse("short").error());
        assertEquals("invalid UUID: ", V2rayUuid.parse("").error());
        // 35 bytes: the last group reads Go's zeroed spare capacity
        assertEquals("encoding/hex: invalid byte: U+0000", V2rayUuid.parse("b831381d6324-4d53-ad4f-8cda48b3081").error());
    }

    @Test
    void predictsTheCrashOn32CharactersWithDashes() {
        V2rayUuid.Result r = V2rayUuid.parse("b831381d-6324-4d53-ad4f-8cda48b3");
        assertEquals(V2rayUuid.Outcome.CRASH, r.outcome());
        assertEquals("panic: runtime error: slice bounds out of range [:12] with capacity 8", r.error());
        assertFalse(V2rayUuid.parse("b831381d63244d53ad4f8cda48b30811").outcome() == V2rayUuid.Outcome.CRASH);
    }

    @Test
    void canonicalFormIsLowerCaseWithDashes() {
        assertTrue(V2rayUuid.isCanonical(CANON));
        assertFalse(V2rayUuid.isCanonical(CANON.toUpperCase()));
        assertFalse(V2rayUuid.isCanonical(CANON + "0"));
    }

    /** The parser's verdicts agree with the real v2ray on tricky ids (exit 0 / 23 / 2 for a crash). */
    @Test
    void agreesWithV2ray(@TempDir Path dir) throws IOException {
        V2rayBinary.require();
        List<String> ids = List.of(CANON, "B831381D63244D53AD4F8CDA48B30811", CANON + "-garbage", "-" + CANON,
                "b831381d-6324-4d53-ad4f-8cda48b3", "b831381d-6324-4d53-ad4f8cda48b308", "b831381d6324-4d53-ad4f-8cda48b3081",
                "urn:uuid:" + CANON, "b831381d-6324-4d53-ad4f-8cda48b3081", "b831381d6-324-4d53-ad4f-8cda48b30811",
                "b831381d--6324-4d53-ad4f-8cda48b30811", "b831381d-6324-4d53-ad4f-8cda48b3081g", "ü831381d-6324-4d53-ad4f-8cda48b30811");
        for (String id : ids) {
            Path cfg = dir.resolve("c.json");
            Files.writeString(cfg, "{\"inbounds\":[{\"port\":1,\"listen\":\"127.0.0.1\",\"protocol\":\"vmess\",\"settings\":"
                    + "{\"clients\":[{\"id\":\"" + id + "\"}]}}],\"outbounds\":[{\"protocol\":\"freedom\"}]}");
            V2rayBinary.TestRun run = V2rayBinary.test(cfg);
            V2rayUuid.Result r = V2rayUuid.parse(id);
            int expectedExit = switch (r.outcome()) {
                case OK -> 0;
                case REJECTED -> 23;
                case CRASH -> 2;
            };
            assertEquals(expectedExit, run.exitCode(), id + ": " + run.output());
            if (r.outcome() == V2rayUuid.Outcome.REJECTED) {
                assertTrue(run.output().contains(r.error()), id + ": expected \"" + r.error() + "\" in " + run.output());
            }
        }
    }
}
