package dev.vtool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vtool man`: the man pages, rendered from the commands themselves (the build also writes them to cli/target/man). */
@Command(name = "man", mixinStandardHelpOptions = true,
        description = {"Print vtool's man page in roff, or a command's page, generated from the commands "
                + "themselves (so it is never out of date).",
                "View one: vtool man lint | man -l -",
                "Install all: vtool man --dir ~/.local/share/man/man1   (then: man vtool-lint)"})
public final class ManCommand implements Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "0..1", description = "The command whose page to print (default: vtool(1), the overview).")
    String command;

    @Option(names = "--dir", paramLabel = "DIR", description = "Write every page (vtool.1, vtool-COMMAND.1) into DIR instead of printing one.")
    Path dir;

    @Override
    public Integer call() {
        Map<String, String> pages = ManPages.all(Main.newCommandLine(null), version(), LocalDate.now());
        if (dir != null) {
            try {
                write(pages, dir);
            } catch (IOException e) {
                System.err.println("vtool man: cannot write into " + dir + ": " + e.getMessage());
                return ExitCodes.USAGE_OR_IO;
            }
            System.out.println("wrote " + pages.size() + " man pages into " + dir);
            return ExitCodes.OK;
        }
        String page = pages.get(command == null ? "vtool.1" : "vtool-" + command + ".1");
        if (page == null) {
            String guess = dev.vtool.schema.text.DidYouMean.closest(command, Main.newCommandLine(null).getSubcommands().keySet());
            System.err.println("vtool man: no command '" + command + "'" + (guess == null ? "" : ". Did you mean '" + guess + "'?"));
            return ExitCodes.USAGE_OR_IO;
        }
        System.out.print(page);
        System.out.flush();
        return ExitCodes.OK;
    }

    private static String version() {
        return new VersionProvider().getVersion()[0].split(" \\(")[0];
    }

    static void write(Map<String, String> pages, Path dir) throws IOException {
        Files.createDirectories(dir);
        for (Map.Entry<String, String> p : pages.entrySet()) {
            Files.writeString(dir.resolve(p.getKey()), p.getValue(), StandardCharsets.UTF_8);
        }
    }

    /** Build-time entry point (exec-maven-plugin, prepare-package): writes every page into args[0]. */
    public static void main(String[] args) throws IOException {
        CommandLine root = Main.newCommandLine(null);
        write(ManPages.all(root, version(), LocalDate.now()), Path.of(args[0]));
    }
}
