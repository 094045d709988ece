package dev.vtool.cli;

import dev.vtool.cli.output.OutputFormat;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.text.Printable;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Option;

/** The reporting options shared by every command that produces findings (lint, pair). */
public final class ReportOptions {
    /** An input that could not be read at all (missing, a directory, not UTF-8, too large). */
    public static final RuleInfo UNREADABLE = RuleInfo.of("unreadable-input", Severity.ERROR,
            "An input could not be read: missing, a directory, not UTF-8 text, or too large.");

    public enum ColorMode { AUTO, ALWAYS, NEVER }

    @Option(names = {"-f", "--format"}, paramLabel = "FORMAT", defaultValue = "text",
            converter = FormatConverter.class,
            description = "Output format: text, json, sarif, github (default: ${DEFAULT-VALUE}).")
    OutputFormat format = OutputFormat.TEXT;

    @Option(names = "--strict", description = "Warnings fail too (exit code 1).")
    boolean strict;

    @Option(names = {"-q", "--quiet"}, description = "Report errors only; no warnings, notes or summary.")
    boolean quiet;

    @Option(names = "--color", paramLabel = "WHEN", defaultValue = "auto",
            converter = ColorConverter.class,
            description = "Colour: auto (a terminal and no NO_COLOR), always, never.")
    ColorMode color = ColorMode.AUTO;

    /**
     * Prints the findings and any input problems, and returns the exit code: 2 if an input could not be
     * read, else 1 for errors (or warnings with --strict), else 0.
     */
    public int report(List<Finding> findings, int inputs, List<RuleInfo> rules, List<String> inputProblems,
                      PrintStream out, PrintStream err) {
        for (String problem : inputProblems) {
            err.println("vtool: " + Printable.escape(problem));
        }
        List<Finding> shown = quiet ? findings.stream().filter(Finding::isError).toList() : findings;
        if (format != OutputFormat.TEXT && !inputProblems.isEmpty()) {
            // machine-readable output carries the failure too, not just an empty list of findings
            List<Finding> withProblems = new java.util.ArrayList<>();
            for (String problem : inputProblems) {
                withProblems.add(new Finding(UNREADABLE.id(), Severity.ERROR, null, problem,
                        "check the file name, its permissions and that it is UTF-8 text"));
            }
            withProblems.addAll(shown);
            shown = withProblems;
        }
        if (!(quiet && shown.isEmpty() && format == OutputFormat.TEXT)) {
            if (quiet && format == OutputFormat.TEXT) {
                new dev.vtool.cli.output.TextFormatter(useColor()).writeFindingsOnly(shown, out);
            } else if (format == OutputFormat.TEXT) {
                new dev.vtool.cli.output.TextFormatter(useColor()).write(shown, inputs, inputProblems.size(), out);
            } else {
                format.formatter(useColor()).write(shown, inputs, rules, out);
            }
        }
        out.flush();
        if (!inputProblems.isEmpty()) {
            return ExitCodes.USAGE_OR_IO;
        }
        boolean failing = findings.stream().anyMatch(f -> f.severity() == Severity.ERROR
                || strict && f.severity() == Severity.WARNING);
        return failing ? ExitCodes.FINDINGS : ExitCodes.OK;
    }

    boolean useColor() {
        return colorEnabled(color);
    }

    /** The colour decision every command shares: always, never, or auto (a terminal, no NO_COLOR, not dumb). */
    static boolean colorEnabled(ColorMode color) {
        switch (color) {
            case ALWAYS:
                return true;
            case NEVER:
                return false;
            default:
                String noColor = System.getenv("NO_COLOR");
                return System.console() != null && (noColor == null || noColor.isEmpty())
                        && !"dumb".equals(System.getenv("TERM"));
        }
    }

    static final class FormatConverter implements picocli.CommandLine.ITypeConverter<OutputFormat> {
        @Override
        public OutputFormat convert(String value) {
            try {
                return OutputFormat.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown format '" + value + "' (use text, json, sarif or github)");
            }
        }
    }

    static final class ColorConverter implements picocli.CommandLine.ITypeConverter<ColorMode> {
        @Override
        public ColorMode convert(String value) {
            try {
                return ColorMode.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new picocli.CommandLine.TypeConversionException(
                        "unknown colour mode '" + value + "' (use auto, always or never)");
            }
        }
    }
}
