package dev.vtool.cli;

import dev.vtool.cli.output.UnifiedDiff;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.format.ConfigFormatter;
import dev.vtool.schema.format.FormatException;
import dev.vtool.schema.format.KeyOrder;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vtool fmt FILE...`: the canonical layout of configs, every comment kept. */
@Command(name = "fmt", mixinStandardHelpOptions = true,
        description = {"Format V2Ray configs in one canonical layout, keeping every comment (//, #, /* */) and value.",
                "Prints the result; --check (for CI) prints a diff instead, --write rewrites the files.",
                "Formatting twice changes nothing. Exit codes: 0 formatted, 1 not formatted (with --check),"
                        + " 2 usage, unreadable file or a JSON syntax error."})
public final class FmtCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Config files; '-' reads stdin.")
    List<String> files = new ArrayList<>();

    @Option(names = "--check", description = "Change nothing; print a unified diff of each file that is not "
            + "formatted and exit 1 if there is one.")
    boolean check;

    @Option(names = {"-w", "--write"}, description = "Rewrite the files in place (only those that change).")
    boolean write;

    @Option(names = "--key-order", paramLabel = "ORDER", defaultValue = "keep",
            description = "keep: members stay as written (default); v2ray: the order of V2Ray's documentation "
                    + "for the top level, log, routing, inbounds, outbounds, streamSettings and sniffing.")
    String keyOrder;

    @Option(names = "--indent", paramLabel = "N", defaultValue = "2", description = "Spaces per level, 0 to 8 (default 2).")
    int indent;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        KeyOrder order;
        ConfigFormatter formatter;
        try {
            order = KeyOrder.valueOf(keyOrder.toUpperCase(java.util.Locale.ROOT));
            formatter = new ConfigFormatter(indent, order);
        } catch (IllegalArgumentException e) {
            err.println("vtool fmt: " + (e.getMessage().startsWith("indent") ? e.getMessage()
                    : "--key-order must be keep or v2ray, not \"" + keyOrder + "\""));
            return ExitCodes.USAGE_OR_IO;
        }
        if (check && write) {
            err.println("vtool fmt: --check and --write exclude each other");
            return ExitCodes.USAGE_OR_IO;
        }
        if (write && files.contains("-")) {
            err.println("vtool fmt: --write cannot rewrite stdin; leave out --write to print the result");
            return ExitCodes.USAGE_OR_IO;
        }
        InputFiles inputs = InputFiles.read(files);
        inputs.problems().forEach(p -> err.println("vtool fmt: " + p));
        boolean failed = !inputs.problems().isEmpty();
        boolean unformatted = false;
        for (SourceFile file : inputs.files()) {
            String formatted = format(formatter, file, err);
            if (formatted == null) {
                failed = true;
                continue;
            }
            if (check) {
                String diff = UnifiedDiff.of(file.text(), formatted, file.name(), file.name() + " (formatted)");
                if (!diff.isEmpty()) {
                    unformatted = true;
                    out.print(diff);
                    err.println(file.name() + ": not formatted (vtool fmt --write " + file.name() + ")");
                }
            } else if (write) {
                if (!formatted.equals(file.text())) {
                    try {
                        rewrite(Path.of(file.name()), formatted);
                        out.println("formatted " + file.name());
                    } catch (IOException e) {
                        err.println("vtool fmt: cannot write " + file.name() + ": " + e.getMessage());
                        failed = true;
                    }
                }
            } else {
                out.print(formatted);
            }
        }
        out.flush();
        return failed ? ExitCodes.USAGE_OR_IO : unformatted ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** Replaces the file atomically, keeping its permissions (a config readable only by its service stays so). */
    private static void rewrite(Path path, String text) throws IOException {
        java.util.Set<java.nio.file.attribute.PosixFilePermission> mode = null;
        try {
            mode = java.nio.file.Files.getPosixFilePermissions(path);
        } catch (UnsupportedOperationException notPosix) {
            // the temporary file's default mode is all we can do
        }
        AtomicFiles.write(Map.of(path, text));
        if (mode != null) {
            java.nio.file.Files.setPosixFilePermissions(path, mode);
        }
    }

    /** The formatted text, or null after saying why the file cannot be formatted. */
    private static String format(ConfigFormatter formatter, SourceFile file, PrintStream err) {
        List<Finding> syntax = new ConfigReader().read(file).findings().stream()
                .filter(f -> f.ruleId().equals(ConfigReader.SYNTAX.id())).toList();
        if (!syntax.isEmpty()) {
            Finding f = syntax.get(0);
            err.println(file.name() + ":" + f.location().line() + ":" + f.location().column() + ": error: "
                    + f.message() + "; fix it first (vtool lint " + file.name() + " says how), then format");
            return null;
        }
        try {
            return formatter.format(file.text());
        } catch (FormatException e) {
            err.println(file.name() + ":" + e.line() + ":" + e.column() + ": error: " + e.getMessage());
            return null;
        }
    }
}
