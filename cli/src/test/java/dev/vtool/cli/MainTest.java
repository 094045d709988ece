package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;

class MainTest {
    @Test
    void helpListsEverySubcommand() {
        CliRun r = CliRun.run("--help");
        assertEquals(ExitCodes.OK, r.exitCode());
        for (Class<?> sub : Main.SUBCOMMANDS) {
            String name = sub.getAnnotation(Command.class).name();
            assertTrue(r.out().contains("  " + name + " "), name + " missing from:\n" + r.out());
        }
    }

    @Test
    void helpSubcommandAndUnknownCommandsStillWork() {
        CliRun help = CliRun.run("help", "lint");
        assertEquals(ExitCodes.OK, help.exitCode());
        assertTrue(help.out().startsWith("Usage: vtool lint"), help.out());
        CliRun unknown = CliRun.run("lnt", "x.json");
        assertEquals(ExitCodes.USAGE_OR_IO, unknown.exitCode());
        assertTrue(unknown.err().contains("lnt"), unknown.err());
    }

    @Test
    void versionNamesTheConfigFormat() {
        CliRun r = CliRun.run("--version");
        assertEquals(ExitCodes.OK, r.exitCode());
        assertTrue(r.out().startsWith("vtool "), r.out());
    }
}
