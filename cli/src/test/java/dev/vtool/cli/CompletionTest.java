package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The completion scripts: bash sources `vtool completion bash` and completes real commands and options. */
class CompletionTest {
    @TempDir
    Path dir;

    /** Sources the script in bash, fills COMP_WORDS as bash would for the typed words, prints COMPREPLY. */
    private String complete(Path script, String... words) throws Exception {
        String line = String.join(" ", words);
        String shell = "source " + script + " 2>/dev/null; COMP_WORDS=(" + line + "); COMP_CWORD=" + (words.length - 1)
                + "; COMP_LINE='" + line + "'; COMP_POINT=" + line.length() + "; _complete_vtool vtool "
                + words[words.length - 1] + " " + words[words.length - 2] + " 2>/dev/null; echo \"${COMPREPLY[*]}\"";
        Process p = new ProcessBuilder("bash", "--norc", "--noprofile", "-c", shell).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertTrue(p.waitFor(20, TimeUnit.SECONDS));
        return out;
    }

    @Test
    void bashCompletesCommandsAndOptions() throws Exception {
        CliRun gen = CliRun.run("completion", "bash");
        assertEquals(0, gen.exitCode(), gen.err());
        Path script = dir.resolve("vtool.bash");
        Files.writeString(script, gen.out());
        assertEquals("lint link", complete(script, "vtool", "li"));
        assertEquals("fmt", complete(script, "vtool", "fm"));
        assertEquals("--strict", complete(script, "vtool", "lint", "--str"));
        assertEquals("--check", complete(script, "vtool", "fmt", "--ch"));
        assertEquals("--disable", complete(script, "vtool", "lint", "--dis"));
    }

    @Test
    void fishAndZshScriptsNameEveryCommand() {
        String fish = CliRun.run("completion", "fish").out();
        String zsh = CliRun.run("completion", "zsh").out();
        for (Class<?> sub : Main.SUBCOMMANDS) {
            String name = sub.getAnnotation(picocli.CommandLine.Command.class).name();
            assertTrue(fish.contains(" -a " + name + " -d '"), name + " missing from fish:\n" + fish);
            assertTrue(zsh.contains(name), name);
        }
        assertTrue(fish.contains("complete -c vtool -n '__fish_seen_subcommand_from fmt' -l check"), fish);
        assertTrue(zsh.contains("bashcompinit"), "the bash script loads itself in zsh through bashcompinit");
        assertEquals(ExitCodes.USAGE_OR_IO, CliRun.run("completion", "tcsh").exitCode());
    }
}
