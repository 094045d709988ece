package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vtool.testkit.FreePort;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every example in README.md runs, so none can rot. A fenced block whose first line starts with "$ " is a
 * transcript: each "$ " line runs in one bash session (in a scratch directory holding a `vtool` launcher and
 * the repository's testdata/), and what it prints (stdout and stderr) must be the lines below it. Values
 * that differ run to run are compared as placeholders (random UUIDs, vmess:// links, times, session ids,
 * loopback ports); an expected line "..." ends the comparison early (the README shows a prefix). "$ cat F"
 * followed by text defines F. Other ``sh blocks: every "./vtool ..." line must exit 0 (its redirection cut).
 * The run example's fixed ports (10808, 18080) become free ones, and a web server answers on the second.
 */
@Tag("slow") // starts a JVM per README command; the full suite runs it, -Punit does not
class ReadmeExamplesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern FENCE = Pattern.compile("(?m)^```([a-z]*)\\n(.*?)^```", Pattern.DOTALL);
    private static final String MARK = "@@readme-command@@";

    @TempDir
    Path scratch;

    @Test
    void everyReadmeExampleRunsAsShown() throws Exception {
        setUpScratch();
        String readme = Files.readString(REPO.resolve("README.md"));
        Matcher m = FENCE.matcher(readme);
        int transcripts = 0;
        int commands = 0;
        List<String> failures = new ArrayList<>();
        HttpServer web = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        web.createContext("/", exchange -> {
            byte[] body = "hello from the README's web server\n".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        web.start();
        try {
            while (m.find()) {
                String block = m.group(2);
                if (block.startsWith("$ ")) {
                    block = block.replace("18080", String.valueOf(web.getAddress().getPort()))
                            .replace("10808", String.valueOf(FreePort.next()));
                    transcript(block, failures);
                    transcripts++;
                } else if (m.group(1).equals("sh")) {
                    commands += commandLines(block, failures);
                }
            }
        } finally {
            web.stop(0);
            Files.delete(scratch.resolve("testdata")); // the link, not the repository's files
        }
        assertTrue(transcripts >= 10, "only " + transcripts + " transcripts found in README.md");
        assertTrue(commands >= 5, "only " + commands + " command lines found in README.md");
        assertTrue(failures.isEmpty(), String.join("\n\n", failures));
    }

    private void setUpScratch() throws IOException {
        Files.createSymbolicLink(scratch.resolve("testdata"), REPO.resolve("testdata"));
        Path launcher = scratch.resolve("vtool");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Files.writeString(launcher, "#!/bin/sh\nexec '" + java + "' -XX:TieredStopAtLevel=1 -cp '"
                + System.getProperty("java.class.path") + "' dev.vtool.cli.Main \"$@\"\n");
        assertTrue(launcher.toFile().setExecutable(true));
    }

    /** Runs a transcript's commands in one bash session and compares each command's output. */
    private void transcript(String block, List<String> failures) throws Exception {
        List<String> commands = new ArrayList<>();
        List<List<String>> expected = new ArrayList<>();
        for (String line : block.split("\n")) {
            int last = commands.size() - 1;
            if (last >= 0 && commands.get(last).endsWith("\\") && expected.get(last).isEmpty()) {
                commands.set(last, commands.get(last) + "\n" + line); // a continued command line
            } else if (line.startsWith("$ ")) {
                commands.add(line.substring(2));
                expected.add(new ArrayList<>());
            } else {
                expected.get(expected.size() - 1).add(line);
            }
        }
        StringBuilder script = new StringBuilder("set +e\n");
        for (int i = 0; i < commands.size(); i++) {
            String command = commands.get(i);
            script.append("echo '").append(MARK).append("'\n");
            Matcher cat = Pattern.compile("^cat (\\S+)$").matcher(command);
            if (cat.matches()) {
                Files.writeString(scratch.resolve(cat.group(1)), String.join("\n", expected.get(i)) + "\n");
            }
            Matcher background = Pattern.compile("^(.*) > (\\S+) &$").matcher(command);
            script.append(command).append('\n');
            if (background.matches()) {
                // what a person does by eye: wait until the background vtool says it started (bounded)
                script.append("for i in $(seq 1 300); do grep -q 'vtool started' ").append(background.group(2))
                        .append(" 2>/dev/null && break; sleep 0.1; done\n");
            }
        }
        Path file = scratch.resolve("transcript.sh");
        Files.writeString(file, script.toString());
        Process p = new ProcessBuilder("bash", file.toString()).directory(scratch.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        if (!p.waitFor(180, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            failures.add("timed out:\n" + block);
            return;
        }
        String[] parts = out.split(Pattern.quote(MARK) + "\n", -1);
        for (int i = 0; i < commands.size(); i++) {
            String actual = i + 1 < parts.length ? parts[i + 1] : "";
            String problem = compare(expected.get(i), actual);
            if (problem != null) {
                failures.add("README: $ " + commands.get(i) + "\n" + problem + "\n--- it printed:\n" + actual);
            }
        }
    }

    /** null when the actual output matches the README's lines (placeholders and a "..." prefix allowed). */
    static String compare(List<String> expected, String actualText) {
        List<String> actual = new ArrayList<>(List.of(actualText.split("\n", -1)));
        if (!actual.isEmpty() && actual.get(actual.size() - 1).isEmpty()) {
            actual.remove(actual.size() - 1);
        }
        List<String> want = new ArrayList<>(expected);
        while (!want.isEmpty() && want.get(want.size() - 1).isEmpty()) {
            want.remove(want.size() - 1);
        }
        for (int i = 0; i < want.size(); i++) {
            if (want.get(i).equals("...")) {
                return null;
            }
            if (i >= actual.size()) {
                return "line " + (i + 1) + " missing: " + want.get(i);
            }
            if (!normalize(want.get(i)).equals(normalize(actual.get(i)))) {
                return "line " + (i + 1) + " differs:\n  README: " + want.get(i) + "\n  actual: " + actual.get(i);
            }
        }
        return actual.size() > want.size() ? "extra line " + (want.size() + 1) + ": " + actual.get(want.size()) : null;
    }

    private static final List<Pattern> VOLATILE = List.of(
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"), // a random UUID
            Pattern.compile("vmess://[A-Za-z0-9+/=]+"),
            Pattern.compile("\\d{4}/\\d{2}/\\d{2} \\d{2}:\\d{2}:\\d{2}"),
            Pattern.compile("\\[\\d{5,10}\\]"), // session id
            Pattern.compile("(127\\.0\\.0\\.1|localhost):\\d+"),
            Pattern.compile("\"/[0-9a-f]{8}\"")); // init's random ws path

    static String normalize(String line) {
        String s = line;
        for (Pattern p : VOLATILE) {
            s = p.matcher(s).replaceAll("<" + VOLATILE.indexOf(p) + ">");
        }
        return s.stripTrailing();
    }

    /** A plain ```sh block: each ./vtool line runs (without its redirection or pipe) and must exit 0. */
    private int commandLines(String block, List<String> failures) throws Exception {
        int ran = 0;
        for (String line : block.split("\n")) {
            if (!line.startsWith("./vtool ")) {
                continue;
            }
            String command = line.replaceAll("\\s+#.*$", "").replaceAll("\\s[>|].*$", "");
            Process p = new ProcessBuilder("bash", "-c", command + " > /dev/null").directory(scratch.toFile())
                    .redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readNBytes(1 << 16), StandardCharsets.UTF_8);
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                failures.add("timed out: " + line);
            } else if (p.exitValue() != 0 && !EXPECTED_NONZERO.contains(command)) {
                failures.add("README: " + line + "\nexit " + p.exitValue() + "\n" + out);
            }
            ran++;
        }
        return ran;
    }

    private static final Set<String> EXPECTED_NONZERO = Set.of();

    @Test
    void comparisonToleratesOnlyWhatChangesRunToRun() {
        assertEquals(null, compare(List.of("2026/11/25 14:57:50 [Info] [2922369466] x 127.0.0.1:10808"),
                "2027/01/01 00:00:01 [Info] [123456] x 127.0.0.1:40000\n"));
        assertEquals(null, compare(List.of("a", "..."), "a\nb\nc\n"));
        assertTrue(compare(List.of("a"), "a\nb\n").startsWith("extra line 2"));
        assertTrue(compare(List.of("0 errors"), "1 error\n").startsWith("line 1 differs"));
        assertTrue(compare(List.of("722e07c5-efe4-51cf-833f-801f28b5cc6d"), "722e07c5-efe4-51cf-833f-801f28b5cc6e\n")
                .startsWith("line 1 differs"), "a name-based (v5) UUID must match exactly");
    }
}
