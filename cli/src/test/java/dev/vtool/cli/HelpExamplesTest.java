package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine.Command;

/**
 * Every "$ vtool ..." example that a command's --help shows is run as written: testdata/ paths are the
 * repository's, other relative files land in a scratch directory holding copies of the seed client.json and
 * server.json. An example must not be a usage error or crash. Also: bare `vtool` and did-you-mean.
 */
class HelpExamplesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();

    @TempDir
    Path scratch;

    @Test
    void everyHelpShowsExamplesAndEveryExampleRuns() throws Exception {
        Files.copy(REPO.resolve("testdata/seed/client.json"), scratch.resolve("client.json"));
        Files.copy(REPO.resolve("testdata/seed/server.json"), scratch.resolve("server.json"));
        int ran = 0;
        for (Class<?> sub : Main.SUBCOMMANDS) {
            String name = sub.getAnnotation(Command.class).name();
            if (name.equals("help")) {
                continue;
            }
            CliRun help = CliRun.run(name, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("\nExamples:\n"), name + " --help has no examples:\n" + help.out());
            for (String line : help.out().split("\n")) {
                if (!line.startsWith("  $ vtool ")) {
                    continue;
                }
                List<String> args = arguments(line.substring("  $ vtool ".length()));
                CliRun r = CliRun.run(args.toArray(String[]::new));
                assertTrue(r.exitCode() == 0 || r.exitCode() == 1, line + " -> exit " + r.exitCode() + "\n" + r.err());
                assertFalse(r.err().contains("Try 'vtool") || r.err().contains("internal error"), line + "\n" + r.err());
                assertFalse(r.out().isEmpty() && r.err().isEmpty(), line + " printed nothing");
                ran++;
            }
        }
        assertTrue(ran >= 15, "only " + ran + " examples");
        assertTrue(Files.exists(scratch.resolve("my-proxy/server.json")), "the init example wrote its files");
    }

    /** Shell words (single and double quotes), without a trailing "# comment" or "> file" redirection. */
    private List<String> arguments(String command) {
        List<String> words = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < command.length(); i++) {
            char c = command.charAt(i);
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    w.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(w.toString());
                    w.setLength(0);
                    inWord = false;
                }
            } else if ((c == '#' || c == '>') && !inWord) {
                break;
            } else {
                w.append(c);
                inWord = true;
            }
        }
        if (inWord) {
            words.add(w.toString());
        }
        List<String> out = new ArrayList<>();
        String previous = "";
        for (String word : words) {
            if (word.startsWith("testdata/")) {
                out.add(REPO.resolve(word).toString());
            } else if (!word.startsWith("-") && (word.endsWith(".json") || word.endsWith(".pem") || previous.equals("-o")
                    || previous.equals("--output-dir") || previous.equals("--file") || previous.equals("--dir"))) {
                out.add(scratch.resolve(word).toString());
            } else {
                out.add(word);
            }
            previous = word;
        }
        return out;
    }

    @Test
    void bareVtoolListsEveryCommandWithAWholeSentence() {
        CliRun r = CliRun.run();
        assertEquals(0, r.exitCode());
        for (Class<?> sub : Main.SUBCOMMANDS) {
            assertTrue(r.out().contains("\n  " + sub.getAnnotation(Command.class).name() + " "), r.out());
        }
        assertTrue(r.out().contains("user ids, alterId"), "pair's line is not cut at the comma:\n" + r.out());
        assertFalse(r.out().contains("%n"), r.out());
    }

    @Test
    void unknownCommandsAndOptionsGetADidYouMean() {
        CliRun command = CliRun.run("lnt", "x.json");
        assertEquals(ExitCodes.USAGE_OR_IO, command.exitCode());
        assertTrue(command.err().startsWith("vtool: unknown command 'lnt'. Did you mean 'lint'?"), command.err());
        CliRun option = CliRun.run("lint", "--strct", "x.json");
        assertEquals(ExitCodes.USAGE_OR_IO, option.exitCode());
        assertTrue(option.err().startsWith("vtool lint: unknown option '--strct'. Did you mean '--strict'?"), option.err());
        CliRun far = CliRun.run("frobnicate");
        assertEquals("vtool: unknown command 'frobnicate'.", far.err().lines().findFirst().orElse(""));
    }
}
