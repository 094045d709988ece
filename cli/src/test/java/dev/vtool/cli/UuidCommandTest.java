package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;

class UuidCommandTest {

    @Test
    void randomIdsAreVersion4() {
        CliRun r = CliRun.run("uuid", "-n", "3");
        assertEquals(0, r.exitCode());
        String[] lines = r.out().strip().split("\n");
        assertEquals(3, lines.length);
        for (String l : lines) {
            assertEquals(4, UUID.fromString(l.strip()).version());
        }
        assertEquals(2, CliRun.run("uuid", "-n", "0").exitCode());
        assertEquals(1, CliRun.run("uuid").out().strip().split("\n").length);
    }

    @Test
    void inputMapsLikeXray() {
        CliRun r = CliRun.run("uuid", "-i", "我爱🍉老师1314");
        assertEquals(0, r.exitCode());
        assertEquals("5783a3e7-e373-51cd-8642-c83782b807c5", r.out().strip());
        assertTrue(r.err().contains("V2Ray 4.34 has no such mapping"), r.err());
        assertTrue(CliRun.run("uuid", "-i", "x".repeat(31)).err().contains("only ids of 1 to 30 bytes"));
    }

    @Test
    void checkGivesVerdictAndExitCode() {
        CliRun ok = CliRun.run("uuid", "--check", "B831381D63244D53AD4F8CDA48B30811");
        assertEquals(0, ok.exitCode());
        assertTrue(ok.out().contains("accepted by V2Ray 4.34 as b831381d-6324-4d53-ad4f-8cda48b30811"), ok.out());
        CliRun suffix = CliRun.run("uuid", "--check", "b831381d-6324-4d53-ad4f-8cda48b30811xyz");
        assertEquals(0, suffix.exitCode());
        assertTrue(suffix.out().contains("ignores the text after the 32nd hex digit: \"xyz\""), suffix.out());
        CliRun braces = CliRun.run("uuid", "--check", "{b831381d-6324-4d53-ad4f-8cda48b30811}");
        assertEquals(1, braces.exitCode());
        assertTrue(braces.out().contains("invalid byte: U+007B '{'"), braces.out());
        CliRun crash = CliRun.run("uuid", "--check", "b831381d-6324-4d53-ad4f-8cda48b3");
        assertEquals(1, crash.exitCode());
        assertTrue(crash.out().contains("crashes"), crash.out());
        CliRun text = CliRun.run("uuid", "--check", "password");
        assertEquals(1, text.exitCode());
        assertTrue(text.out().contains("invalid UUID: password"), text.out());
        assertEquals(2, CliRun.run("uuid", "--check", "x", "-n", "2").exitCode());
    }
}
