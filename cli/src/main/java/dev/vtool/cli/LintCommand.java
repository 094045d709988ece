package dev.vtool.cli;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.lint.Linter;
import dev.vtool.schema.suppress.ProjectSettings.SettingsException;
import dev.vtool.schema.source.SourceFile;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vtool lint FILE...`: every finding of every file at once. */
@Command(name = "lint", mixinStandardHelpOptions = true,
        description = {"Check V2Ray configs: commented JSON, the V2Ray 4.34 schema and semantic rules.",
                "Exit codes: 0 no errors, 1 errors (or warnings with --strict), 2 usage or unreadable input."})
public final class LintCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Config files; '-' reads stdin.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-c", "-config", "--config"}, paramLabel = "FILE",
            description = "Lint this file merged with the other -config/-confdir files into one config, as "
                    + "`v2ray -config` merges them (the first is the base); repeatable.")
    List<String> configs = new ArrayList<>();

    @Option(names = {"-confdir", "--confdir"}, paramLabel = "DIR",
            description = "Merge the *.json files of DIR (name order) after the -config files, as `v2ray -confdir`.")
    String confdir;

    @Option(names = "--rules", description = "List every rule (id, severity, description) and exit.")
    boolean listRules;

    @Option(names = "--disable", paramLabel = "RULE", split = ",",
            description = "Do not report this rule (repeat, or separate with commas); adds to .vtool.json's \"disable\".")
    List<String> disable = new ArrayList<>();

    @Mixin
    ReportOptions report;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        if (listRules) {
            for (RuleInfo r : LintSettings.allRules()) {
                out.printf("%-28s %-8s %s%n", r.id(), r.severity().label(), r.doc());
            }
            return ExitCodes.OK;
        }
        if (!configs.isEmpty() || confdir != null) {
            return lintMerged(out);
        }
        if (files.isEmpty()) {
            System.err.println("vtool lint: name at least one config file (or - for stdin)");
            System.err.println("Try 'vtool lint --help' for usage.");
            return ExitCodes.USAGE_OR_IO;
        }
        InputFiles inputs = InputFiles.read(files);
        Linter linter = new Linter();
        List<Finding> all = new ArrayList<>();
        try {
            LintSettings settings = LintSettings.of(disable);
            for (SourceFile file : inputs.files()) {
                all.addAll(settings.apply(file, linter.lint(file).findings()));
            }
        } catch (SettingsException e) {
            System.err.println("vtool lint: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        all.sort(Finding.BY_POSITION);
        return report.report(all, inputs.files().size(), LintSettings.allRules(), inputs.problems(),
                out, System.err);
    }

    /** The -config/-confdir files as the one config V2Ray makes of them. */
    private int lintMerged(PrintStream out) {
        if (!files.isEmpty()) {
            System.err.println("vtool lint: give either FILE... (each linted alone) or -config/-confdir (merged), not both");
            return ExitCodes.USAGE_OR_IO;
        }
        List<String> names = new ArrayList<>(configs);
        if (confdir != null) {
            try {
                if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(confdir))) {
                    System.err.println("vtool lint: -confdir " + confdir + ": not a directory");
                    return ExitCodes.USAGE_OR_IO;
                }
                names.addAll(ConfigLocations.jsonFiles(confdir));
            } catch (java.io.IOException e) {
                System.err.println("vtool lint: -confdir " + confdir + ": cannot list it: " + e.getMessage());
                return ExitCodes.USAGE_OR_IO;
            }
        }
        if (names.isEmpty()) {
            System.err.println("vtool lint: -confdir " + confdir + " has no .json files");
            return ExitCodes.USAGE_OR_IO;
        }
        InputFiles inputs = InputFiles.read(names);
        // With a file missing, the rest is not the config V2Ray would run: report only what could not be read.
        List<Finding> all = new ArrayList<>();
        if (inputs.problems().isEmpty()) {
            List<Finding> merged = new Linter().lint(inputs.files()).findings();
            try {
                // each file's suppressions and project settings apply to the findings located in it
                LintSettings settings = LintSettings.of(disable);
                for (SourceFile file : inputs.files()) {
                    List<Finding> mine = new ArrayList<>();
                    for (Finding f : merged) {
                        if (f.location() != null && f.location().fileName().equals(file.name())) {
                            mine.add(f);
                        }
                    }
                    all.addAll(settings.apply(file, mine));
                }
            } catch (SettingsException e) {
                System.err.println("vtool lint: " + e.getMessage());
                return ExitCodes.USAGE_OR_IO;
            }
            merged.stream().filter(f -> f.location() == null).forEach(all::add);
        }
        all.sort(Finding.BY_POSITION);
        return report.report(all, inputs.files().size(), LintSettings.allRules(), inputs.problems(),
                out, System.err);
    }
}
