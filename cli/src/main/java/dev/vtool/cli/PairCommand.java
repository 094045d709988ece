package dev.vtool.cli;

import dev.vtool.cli.output.OutputFormat;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.pair.PairChecker;
import dev.vtool.schema.pair.PairMatch;
import dev.vtool.schema.pair.PairResult;
import dev.vtool.schema.pair.PairRules;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.text.Printable;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vtool pair CLIENT SERVER [CLIENT SERVER ...]` or `vtool pair --server S C1 C2`: do they connect? */
@Command(name = "pair", mixinStandardHelpOptions = true,
        description = {"Check that client configs really reach a server config: endpoint, protocol, user ids,",
                "alterId (AEAD/legacy), transport (network, ws/h2 path and host, mKCP seed, QUIC) and TLS.",
                "Exit codes: 0 they match, 1 mismatch (or warnings with --strict), 2 usage or unreadable input."})
public final class PairCommand implements Callable<Integer> {

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "CLIENT SERVER pairs, or only clients when --server is given; '-' reads stdin once.")
    List<String> files = new ArrayList<>();

    @Option(names = {"-s", "--server"}, paramLabel = "SERVER", description = "Server config every FILE is checked against.")
    String server;

    @Option(names = "--rules", description = "List every pair rule (id, severity, description) and exit.")
    boolean listRules;

    @Mixin
    ReportOptions report;

    private record Pair(String client, String server) {
    }

    @Override
    public Integer call() {
        if (listRules) {
            for (RuleInfo r : PairRules.ALL) {
                System.out.printf("%-24s %-8s %s%n", r.id(), r.severity().label(), r.doc());
            }
            return ExitCodes.OK;
        }
        List<Pair> pairs = new ArrayList<>();
        if (server != null) {
            for (String c : files) {
                pairs.add(new Pair(c, server));
            }
        } else if (files.size() % 2 == 0) {
            for (int i = 0; i + 1 < files.size(); i += 2) {
                pairs.add(new Pair(files.get(i), files.get(i + 1)));
            }
        }
        if (pairs.isEmpty() || server == null && files.size() % 2 != 0) {
            System.err.println("vtool pair: give CLIENT SERVER pairs (an even number of files), "
                    + "or --server SERVER and one or more CLIENT files");
            System.err.println("Try 'vtool pair --help' for usage.");
            return ExitCodes.USAGE_OR_IO;
        }
        // Read every distinct file once; syntax problems are findings, as in lint.
        Map<String, ReadResult> read = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        ConfigReader reader = new ConfigReader();
        for (Pair p : pairs) {
            for (String name : List.of(p.client(), p.server())) {
                if (read.containsKey(name)) {
                    continue;
                }
                InputFiles in = InputFiles.read(List.of(name));
                problems.addAll(in.problems());
                ReadResult r = null;
                if (!in.files().isEmpty()) {
                    SourceFile file = in.files().get(0);
                    r = reader.read(file);
                    findings.addAll(r.findings());
                }
                read.put(name, r);
            }
        }
        List<String> verdicts = new ArrayList<>();
        String arrow = Charset.defaultCharset().equals(StandardCharsets.UTF_8) ? " → " : " -> ";
        PairChecker checker = new PairChecker();
        for (Pair p : pairs) {
            ConfigDocument c = document(read.get(p.client()));
            ConfigDocument s = document(read.get(p.server()));
            if (c == null || s == null) {
                continue;
            }
            PairResult result = checker.analyse(c, s);
            findings.addAll(result.findings());
            String cn = c.source().name();
            String sn = s.source().name();
            if (result.hasErrors()) {
                long errors = result.findings().stream().filter(Finding::isError).count();
                verdicts.add("MISMATCH: " + cn + arrow + sn + " (" + errors + (errors == 1 ? " error" : " errors") + ")");
            } else {
                for (PairMatch m : result.matches()) {
                    verdicts.add("OK: " + cn + arrow + sn + ":" + m.port() + " (" + m.describe() + ")");
                }
            }
        }
        findings.sort(Finding.BY_POSITION);
        PrintStream out = System.out;
        List<RuleInfo> rules = new ArrayList<>(ConfigReader.RULES);
        rules.addAll(PairRules.ALL);
        int code = report.report(findings, read.size(), rules, problems, out, System.err);
        if (report.format == OutputFormat.TEXT && !report.quiet) {
            verdicts.forEach(v -> out.println(Printable.escape(v)));
            out.flush();
        }
        return code;
    }

    private static ConfigDocument document(ReadResult r) {
        return r == null ? null : r.document();
    }
}
