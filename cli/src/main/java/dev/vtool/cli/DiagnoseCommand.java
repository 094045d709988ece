package dev.vtool.cli;

import dev.vtool.cli.output.DiagnosisJsonFormatter;
import dev.vtool.cli.output.DiagnosisTextFormatter;
import dev.vtool.cli.follow.FollowedFile;
import dev.vtool.cli.follow.LogFollower;
import dev.vtool.schema.diagnose.DiagnosisReport;
import dev.vtool.schema.diagnose.DiagnosisTally;
import dev.vtool.schema.diagnose.Diagnoser;
import dev.vtool.schema.diagnose.KbEntry;
import dev.vtool.schema.diagnose.KnowledgeBase;
import dev.vtool.schema.diagnose.TailorContext;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
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
                "Reads log files, stdin (journalctl -u v2ray | vtool diagnose) or single lines (--line),",
                "as streams: logs of any size are read in constant memory.",
                "With --follow, keeps reading a growing log (or journalctl -f through a pipe) and prints",
                "each new cause once as it appears, then the counts, then the report at the end (Ctrl-C).",
                "Exit codes: 0 nothing wrong found (normal events such as 'context canceled' do not count),",
                "1 problems found, 2 usage or unreadable input."})
public final class DiagnoseCommand implements Callable<Integer> {
    enum Format { TEXT, JSON }

    private static final String STDIN = "<stdin>";

    /** How often a followed file is checked for new data, truncation and rotation. */
    static final long FOLLOW_POLL_MILLIS = 250;

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

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text",
            converter = FormatConverter.class, description = "Output format: text or json (default: ${DEFAULT-VALUE}).")
    Format format = Format.TEXT;

    @Option(names = {"-f", "--follow"},
            description = "Keep reading LOG as it grows, like tail -F (follows truncation and rotation), or a pipe"
                    + " such as journalctl -f -u v2ray: each new cause is printed once when it first appears, the"
                    + " counts every --interval when they changed, the full report when the input ends or on"
                    + " Ctrl-C/SIGTERM.")
    boolean follow;

    @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "60",
            description = "With --follow: seconds between lines of updated counts (default: ${DEFAULT-VALUE}).")
    long intervalSeconds = 60;

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
        List<String> names = new ArrayList<>(logs);
        if (names.isEmpty() && lines.isEmpty()) {
            if (System.console() != null) {
                err.println("vtool diagnose: name a log file, '-' for stdin, or give a line with --line");
                err.println("Try 'vtool diagnose --help' for usage.");
                return ExitCodes.USAGE_OR_IO;
            }
            names.add("-");
        }
        if (follow && (names.size() != 1 || !lines.isEmpty() || intervalSeconds < 1 || format != Format.TEXT)) {
            err.println("vtool diagnose: --follow reads one log (a file or '-' for a pipe), prints text, and takes"
                    + " --interval of 1 second or more");
            return ExitCodes.USAGE_OR_IO;
        }
        // The configs first: a bad one is reported before a long log is read, not after.
        ConfigDocument client = readConfig("--config", config, problems);
        ConfigDocument serverDoc = readConfig("--server", server, problems);
        if ((config != null && client == null) || (server != null && serverDoc == null)) {
            problems.forEach(p -> err.println("vtool diagnose: " + p));
            return ExitCodes.USAGE_OR_IO; // a config was asked for and cannot be used: say so rather than half-answer
        }
        TailorContext context = new TailorContext(client, serverDoc);
        DiagnosisTally tally = new Diagnoser().tally();
        if (follow) {
            return follow(names.get(0), tally, context, out, err);
        }
        for (String name : names) {
            readLog(name, tally, problems);
        }
        if (!lines.isEmpty()) {
            try {
                tally.read("--line", new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
            } catch (IOException e) {
                throw new UncheckedIOException(e); // in memory: cannot happen
            }
        }
        for (String p : problems) {
            err.println("vtool diagnose: " + p);
        }
        int code = writeReport(tally.report(context), out);
        return problems.isEmpty() ? code : ExitCodes.USAGE_OR_IO;
    }

    /** Prints the report; the exit code it calls for. */
    private int writeReport(DiagnosisReport report, PrintStream out) {
        if (format == Format.JSON) {
            new DiagnosisJsonFormatter().write(report, out);
        } else {
            new DiagnosisTextFormatter(ReportOptions.colorEnabled(color)).write(report, out);
        }
        out.flush();
        return report.hasProblems() ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    private int follow(String name, DiagnosisTally tally, TailorContext context, PrintStream out, PrintStream err) {
        DiagnosisTextFormatter text = new DiagnosisTextFormatter(ReportOptions.colorEnabled(color));
        LogFollower follower = new LogFollower(tally, out, intervalSeconds * 1000, g -> {
            out.print("new: ");
            text.writeGroup(g, out);
            out.println();
        }, t -> t.report(context), report -> writeReport(report, out));
        String display = name.equals("-") ? STDIN : name;
        try (InputStream in = name.equals("-") ? System.in
                : new FollowedFile(Path.of(name), follower::stopping, FOLLOW_POLL_MILLIS,
                        notice -> err.println("vtool diagnose: " + notice))) {
            err.println("vtool diagnose: following " + display + " (new causes as they appear, counts every "
                    + intervalSeconds + " s; Ctrl-C ends with the report)");
            return follower.follow(display, in);
        } catch (IOException e) {
            String problem = describe(name, e);
            err.println("vtool diagnose: " + problem);
            return ExitCodes.USAGE_OR_IO;
        }
    }

    /** Streams one log into the tally; a problem is noted and the other inputs are still read. */
    private void readLog(String name, DiagnosisTally tally, List<String> problems) {
        if (name.equals("-")) {
            try {
                tally.read(STDIN, System.in);
            } catch (IOException e) {
                problems.add(STDIN + ": cannot read: " + e.getMessage());
            }
            return;
        }
        Path path = Path.of(name);
        if (Files.isDirectory(path)) {
            problems.add(name + ": is a directory (name the log files, e.g. " + name + "/error.log)");
            return;
        }
        try (InputStream in = Files.newInputStream(path)) {
            tally.read(name, in);
        } catch (IOException e) {
            problems.add(describe(name, e));
        }
    }

    private String describe(String name, IOException e) {
        if (e instanceof NoSuchFileException) {
            boolean formatWord = name.equals("json") || name.equals("text");
            return name + ": no such file" + (formatWord ? " (-f means --follow; for this output format use --format "
                    + name + ")" : "");
        }
        if (e instanceof AccessDeniedException) {
            return name + ": permission denied (V2Ray's logs are often root-only: try sudo)";
        }
        return name + ": cannot read: " + e.getMessage();
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
