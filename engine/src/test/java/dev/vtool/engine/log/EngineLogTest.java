package dev.vtool.engine.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.model.LogOutput;
import dev.vtool.schema.model.LogSettings;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineLogTest {
    @TempDir
    Path dir;

    @Test
    void linesLookLikeV2rays() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        EngineLog log = new EngineLog(LogLevel.INFO, out, out);
        log.info(-5, "app/dispatcher", "taking detour [direct] for [tcp:a.com:80]");
        log.debug(1, "x", "hidden at info level");
        log.access("tcp:127.0.0.1:5555", true, "tcp:a.com:80", "direct", "", "");
        log.access("127.0.0.1:5556", false, "", "", "invalid user", "u@x");
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(3, lines.size(), lines.toString());
        String stamp = "\\d{4}/\\d\\d/\\d\\d \\d\\d:\\d\\d:\\d\\d ";
        assertTrue(lines.get(0).matches(stamp + "\\[Info\\] \\[4294967291\\] v2ray\\.com/core/app/dispatcher: "
                + "taking detour \\[direct\\] for \\[tcp:a\\.com:80\\]"), lines.get(0));
        assertTrue(lines.get(1).matches(stamp + "tcp:127\\.0\\.0\\.1:5555 accepted tcp:a\\.com:80 \\[direct\\]"),
                lines.get(1));
        assertTrue(lines.get(2).matches(stamp + "127\\.0\\.0\\.1:5556 rejected  invalid user email: u@x"), lines.get(2));
    }

    @Test
    void filesAreAppendedAndBadPathsNamed() throws IOException {
        Path access = dir.resolve("access.log");
        Path error = dir.resolve("error.log");
        try (EngineLog log = EngineLog.open(new LogSettings(LogLevel.WARNING, LogOutput.file(access.toString()),
                LogOutput.file(error.toString())), System.out)) {
            log.warning(0, "app/dispatcher", "non existing tag: x");
            log.info(0, "app/dispatcher", "not at warning level");
            log.access("1.2.3.4:5", true, "tcp:b:1", "", "", "");
        }
        assertTrue(Files.readString(error).contains("[Warning] v2ray.com/core/app/dispatcher: non existing tag: x"));
        assertEquals(1, Files.readAllLines(error).size());
        assertTrue(Files.readString(access).contains("1.2.3.4:5 accepted tcp:b:1"));

        IOException e = assertThrows(IOException.class, () -> EngineLog.open(new LogSettings(LogLevel.WARNING,
                LogOutput.file(dir.resolve("missing/a.log").toString()), LogOutput.CONSOLE), System.out));
        assertEquals("app/log: failed to initialize access logger > open " + dir.resolve("missing/a.log")
                + ": no such file or directory", e.getMessage());
    }
}
