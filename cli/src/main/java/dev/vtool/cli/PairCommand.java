package dev.vtool.cli;

import dev.vtool.cli.output.OutputFormat;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.merge.ConfigMerger;
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

    @Option(names = {"-s", "--server"}, paramLabel = "SERVER",
            description = "Server config every client is checked against; repeat to merge several, V2Ray style.")
    List<String> servers = new ArrayList<>();

    @Option(names = "--server-confdir", paramLabel = "DIR",
            description = "Merge the *.json files of DIR (name order) into the server config, as `v2ray -confdir`.")
    String serverConfdir;

    @Option(names = {"-c", "-config", "--config"}, paramLabel = "FILE",
            description = "A client made of several files merged V2Ray style (the first is the base); repeatable.")
    List<String> clientConfigs = new ArrayList<>();

    @Option(names = {"-confdir", "--confdir"}, paramLabel = "DIR",
            description = "Merge the *.json files of DIR (name order) into that client, as `v2ray -confdir`.")
    String clientConfdir;

    @Option(names = "--rules", description = "List every pair rule (id, severity, description) and exit.")
    boolean listRules;

    @Mixin
    ReportOptions report;

    /** A client and a server, each one or more files merged into one config. */
    private record Pair(List<String> client, List<String> server) {
    }

    @Override
    public Integer call() {
        if (listRules) {
            for (RuleInfo r : PairRules.ALL) {
                System.out.printf("%-24s %-8s %s%n", r.id(), r.severity().label(), r.doc());
            }
            return ExitCodes.OK;
        }
        List<String> server;
        List<String> mergedClient;
        try {
            server = merged(servers, serverConfdir);
            mergedClient = merged(clientConfigs, clientConfdir);
        } catch (java.io.IOException e) {
            System.err.println("vtool pair: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        List<Pair> pairs = new ArrayList<>();
        boolean usage = false;
        if (!mergedClient.isEmpty()) {
            usage = server.isEmpty() || !files.isEmpty();
            pairs.add(new Pair(mergedClient, server));
        } else if (!server.isEmpty()) {
            for (String c : files) {
                pairs.add(new Pair(List.of(c), server));
            }
        } else if (files.size() % 2 == 0) {
            for (int i = 0; i + 1 < files.size(); i += 2) {
                pairs.add(new Pair(List.of(files.get(i)), List.of(files.get(i + 1))));
            }
        } else {
            usage = true;
        }
        if (pairs.isEmpty() || usage) {
            System.err.println("vtool pair: give CLIENT SERVER pairs (an even number of files), "
                    + "or --server SERVER and one or more CLIENT files, or -config/-confdir (client) with --server/--server-confdir");
            System.err.println("Try 'vtool pair --help' for usage.");
            return ExitCodes.USAGE_OR_IO;
        }
        // Read every distinct file (and merged set) once; syntax problems are findings, as in lint.
        Map<List<String>, ConfigDocument> read = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        List<Finding> findings = new ArrayList<>();
        ConfigReader reader = new ConfigReader();
        int fileCount = 0;
        for (Pair p : pairs) {
            for (List<String> names : List.of(p.client(), p.server())) {
                if (read.containsKey(names)) {
                    continue;
                }
                InputFiles in = InputFiles.read(names);
                problems.addAll(in.problems());
                fileCount += names.size();
                List<ConfigDocument> docs = new ArrayList<>();
                for (SourceFile file : in.files()) {
                    ReadResult r = reader.read(file);
                    findings.addAll(r.findings());
                    if (r.document() != null) {
                        docs.add(r.document());
                    }
                }
                // 4.34 runs a split config as one and the 4.x layout as the modern one: check that config
                read.put(names, docs.size() == names.size() ? new ConfigMerger().merge(docs).document() : null);
            }
        }
        List<String> verdicts = new ArrayList<>();
        String arrow = Charset.defaultCharset().equals(StandardCharsets.UTF_8) ? " → " : " -> ";
        PairChecker checker = new PairChecker();
        for (Pair p : pairs) {
            ConfigDocument c = read.get(p.client());
            ConfigDocument s = read.get(p.server());
            if (c == null || s == null) {
                continue;
            }
            PairResult result = checker.analyse(c, s);
            findings.addAll(result.findings());
            String cn = String.join("+", p.client());
            String sn = String.join("+", p.server());
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
        int code = report.report(findings, fileCount, rules, problems, out, System.err);
        if (report.format == OutputFormat.TEXT && !report.quiet) {
            verdicts.forEach(v -> out.println(Printable.escape(v)));
            out.flush();
        }
        return code;
    }

    /** The -config files then the confdir's *.json files (name order), or nothing when neither is given. */
    private static List<String> merged(List<String> configs, String confdir) throws java.io.IOException {
        List<String> names = new ArrayList<>(configs);
        if (confdir != null) {
            if (!java.nio.file.Files.isDirectory(java.nio.file.Path.of(confdir))) {
                throw new java.io.IOException(confdir + ": not a directory");
            }
            names.addAll(ConfigLocations.jsonFiles(confdir));
        }
        return names;
    }
}
