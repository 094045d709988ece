package dev.vtool.cli;

import dev.vtool.cli.output.DiagnosisJsonFormatter;
import dev.vtool.cli.output.DiagnosisTextFormatter;
import dev.vtool.schema.diagnose.DiagnosisReport;
import dev.vtool.schema.diagnose.Diagnoser;
import dev.vtool.schema.diagnose.KbEntry;
import dev.vtool.schema.diagnose.KnowledgeBase;
import dev.vtool.schema.diagnose.TailorContext;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.TypeConversionException;

/** `vtool diagnose LOG...`: from V2Ray log lines to the cause and the fix, tailored with --config/--server. */
@Command(name = "diagnose", mixinStandardHelpOptions = true,
        description = {"Explain V2Ray 4.34 log lines: what went wrong, why, and how to fix it.",
                "Reads log files, stdin (journalctl -u v2ray | vtool diagnose) or single lines (--line).",
                "Exit codes: 0 nothing wrong found (normal events such as 'context canceled' do not count),",
                "1 problems found, 2 usage or unreadable input."})
public final class DiagnoseCommand implements Callable<Integer> {
    enum Format { TEXT, JSON }

    @Parameters(paramLabel = "LOG", arity = "0..*",
            description = "Log files (error log, access log, journalctl output); '-' reads stdin."
                    + " Without LOG and --line, stdin is read.")
    List<String> logs = new ArrayList<>();

    @Option(names = {"-l", "--line"}, paramLabel = "TEXT", description = "Diagnose this log line (repeatable).")
    List<String> lines = new ArrayList<>();

    @Option(names = {"-c", "--config"}, paramLabel = "FILE",
            description = "The config of the machine that wrote the log (usually the client): tailors the fixes.")
    Path config;

    @Option(names = {"-s", "--server"}, paramLabel = "FILE",
            description = "The server's config, compared with --config (e.g. VMess ids for 'invalid user').")
    Path server;

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = FormatConverter.class, description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = "--list", description = "List every known message (id, severity, title) and exit.")
    boolean list;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            converter = ReportOptions.ColorConverter.class,
            description = "Colour: auto (a terminal and no NO_COLOR), always, never.")
    ReportOptions.ColorMode color = ReportOptions.ColorMode.AUTO;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (list) {
            for (KbEntry e : KnowledgeBase.builtIn().entries()) {
                out.printf("%-32s %-8s %s%n", e.id(), e.severity().label(), e.title());
            }
            out.flush();
            return ExitCodes.OK;
        }
        List<String> problems = new ArrayList<>();
        List<SourceFile> inputs = new ArrayList<>();
        List<String> names = new ArrayList<>(logs);
        if (names.isEmpty() && lines.isEmpty()) {
            if (System.console() != null) {
                err.println("vtool diagnose: name a log file, '-' for stdin, or give a line with --line");
                err.println("Try 'vtool diagnose --help' for usage.");
                return ExitCodes.USAGE_OR_IO;
            }
            names.add("-");
        }
        for (String name : names) {
            SourceFile f = readLog(name, problems);
            if (f != null) {
                inputs.add(f);
            }
        }
        if (!lines.isEmpty()) {
            inputs.add(new SourceFile("--line", String.join("\n", lines)));
        }
        ConfigDocument client = readConfig("--config", config, problems);
        ConfigDocument serverDoc = readConfig("--server", server, problems);
        for (String p : problems) {
            err.println("vtool diagnose: " + p);
        }
        if ((config != null && client == null) || (server != null && serverDoc == null)) {
            return ExitCodes.USAGE_OR_IO; // a config was asked for and cannot be used: say so rather than half-answer
        }
        DiagnosisReport report = new Diagnoser().diagnose(inputs, new TailorContext(client, serverDoc));
        if (format == Format.JSON) {
            new DiagnosisJsonFormatter().write(report, out);
        } else {
            new DiagnosisTextFormatter(ReportOptions.colorEnabled(color)).write(report, out);
        }
        out.flush();
        if (!problems.isEmpty()) {
            return ExitCodes.USAGE_OR_IO;
        }
        return report.hasProblems() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    /** A log as text; bytes that are not UTF-8 are replaced, since logs may quote raw network data. */
    private static SourceFile readLog(String name, List<String> problems) {
        try {
            if (name.equals("-")) {
                return new SourceFile("<stdin>", new String(System.in.readAllBytes(), StandardCharsets.UTF_8));
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                problems.add(name + ": is a directory (name the log files, e.g. " + name + "/error.log)");
                return null;
            }
            return new SourceFile(name, new String(Files.readAllBytes(path), StandardCharsets.UTF_8));
        } catch (NoSuchFileException e) {
            problems.add(name + ": no such file");
        } catch (AccessDeniedException e) {
            problems.add(name + ": permission denied (V2Ray's logs are often root-only: try sudo)");
        } catch (IOException e) {
            problems.add(name + ": cannot read: " + e.getMessage());
        }
        return null;
    }

    private static ConfigDocument readConfig(String option, Path path, List<String> problems) {
        if (path == null) {
            return null;
        }
        SourceFile source;
        try {
            source = SourceFile.read(path);
        } catch (NoSuchFileException e) {
            problems.add(option + " " + path + ": no such file");
            return null;
        } catch (IOException e) {
            problems.add(option + " " + path + ": cannot read: " + e.getMessage());
            return null;
        }
        ReadResult r = new ConfigReader().read(source);
        if (r.document() == null) {
            Finding first = r.findings().isEmpty() ? null : r.findings().get(0);
            problems.add(option + " " + path + ": not a usable config"
                    + (first == null ? "" : ": " + (first.location() == null ? "" : first.location() + ": ")
                    + first.message()) + " (run vtool lint on it)");
            return null;
        }
        return r.document();
    }

    static final class FormatConverter implements ITypeConverter<Format> {
        @Override
        public Format convert(String value) {
            try {
                return Format.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException("unknown format '" + value + "' (diagnose offers text and json)");
            }
        }
    }
}
