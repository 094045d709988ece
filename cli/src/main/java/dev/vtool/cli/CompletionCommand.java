package dev.vtool.cli;

import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Parameters;

/** `vtool completion bash|zsh|fish`: a completion script generated from the commands themselves. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a shell completion script for bash, zsh or fish, generated from vtool's own commands "
                + "and options (so it is never out of date).",
                "bash: vtool completion bash > ~/.local/share/bash-completion/completions/vtool",
                "zsh:  vtool completion zsh > \"${fpath[1]}/_vtool\"   (or: source <(vtool completion zsh))",
                "fish: vtool completion fish > ~/.config/fish/completions/vtool.fish"})
public final class CompletionCommand implements Callable<Integer> {
    @Parameters(paramLabel = "SHELL", description = "bash, zsh or fish.")
    String shell;

    @Override
    public Integer call() {
        CommandLine all = Main.newCommandLine(null);
        switch (shell) {
            case "bash", "zsh" -> System.out.print(AutoComplete.bash("vtool", all));
            case "fish" -> System.out.print(fish(all));
            default -> {
                System.err.println("vtool completion: unknown shell \"" + shell + "\" (use bash, zsh or fish)");
                return ExitCodes.USAGE_OR_IO;
            }
        }
        System.out.flush();
        return ExitCodes.OK;
    }

    /** fish's `complete` lines: commands with their one-line summary, then each command's options. */
    static String fish(CommandLine root) {
        StringBuilder b = new StringBuilder("# vtool completion for fish (vtool completion fish)\ncomplete -c vtool -f\n");
        Map<String, CommandLine> subs = root.getSubcommands();
        String names = String.join(" ", subs.keySet());
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            b.append("complete -c vtool -n 'not __fish_seen_subcommand_from ").append(names).append("' -a ")
                    .append(e.getKey()).append(" -d ").append(quote(HelpLayout.summary(e.getValue().getCommandSpec())))
                    .append('\n');
        }
        for (Map.Entry<String, CommandLine> e : subs.entrySet()) {
            CommandSpec spec = e.getValue().getCommandSpec();
            for (OptionSpec o : spec.options()) {
                b.append("complete -c vtool -n '__fish_seen_subcommand_from ").append(e.getKey()).append("'");
                for (String n : o.names()) {
                    b.append(n.startsWith("--") ? " -l " + n.substring(2) : n.length() == 2 ? " -s " + n.substring(1)
                            : " -o " + n.substring(1));
                }
                if (o.arity().max() > 0) {
                    b.append(" -r -F");
                }
                String[] d = o.description();
                b.append(" -d ").append(quote(d.length == 0 ? "" : d[0])).append('\n');
            }
            if (!spec.positionalParameters().isEmpty()) {
                b.append("complete -c vtool -n '__fish_seen_subcommand_from ").append(e.getKey()).append("' -F\n");
            }
        }
        return b.toString();
    }

    private static String quote(String s) {
        String oneLine = s.replace("${DEFAULT-VALUE}", "").replaceAll("\\s+", " ").strip();
        return "'" + oneLine.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    static List<String> shells() {
        return List.of("bash", "zsh", "fish");
    }
}
