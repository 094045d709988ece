package dev.vtool.cli;

import dev.vtool.schema.text.DidYouMean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.UsageMessageSpec;

/**
 * How vtool's help reads. Picocli prints each element of a description array as its own paragraph and
 * lists a command by its first element only; vtool's descriptions are written as wrapped lines, so that
 * cut commands off mid-sentence ("... user ids,"). Here lines are joined back into sentences, the command
 * list shows each command's whole first sentence, and every command gets its examples.
 */
final class HelpLayout {
    private HelpLayout() {
    }

    static void apply(CommandLine root) {
        for (CommandLine sub : root.getSubcommands().values()) {
            UsageMessageSpec usage = sub.getCommandSpec().usageMessage();
            usage.description(reflow(usage.description()));
            List<String> examples = HelpExamples.BY_COMMAND.get(sub.getCommandName());
            if (examples != null) {
                List<String> footer = new ArrayList<>(List.of("", "Examples:"));
                examples.forEach(e -> footer.add("  " + e));
                usage.footer(footer.toArray(String[]::new));
            }
        }
        root.getHelpSectionMap().put(UsageMessageSpec.SECTION_KEY_COMMAND_LIST, HelpLayout::commandList);
        root.getCommandSpec().usageMessage().footer("", "Run 'vtool COMMAND --help' for a command's options and examples.");
    }

    /** Joins lines that continue a sentence; keeps lines that start a paragraph or an indented sample. */
    static String[] reflow(String[] lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            if (!out.isEmpty() && !line.isEmpty() && !Character.isWhitespace(line.charAt(0))) {
                String prev = out.get(out.size() - 1);
                char last = prev.isEmpty() ? '.' : prev.charAt(prev.length() - 1);
                if (".:!?".indexOf(last) < 0 && !Character.isWhitespace(prev.isEmpty() ? ' ' : prev.charAt(0))) {
                    out.set(out.size() - 1, prev + " " + line);
                    continue;
                }
            }
            out.add(line);
        }
        return out.toArray(String[]::new);
    }

    /** The first sentence of a command's description (up to ". " or the end). */
    static String summary(CommandSpec spec) {
        String[] header = spec.usageMessage().header();
        String text = String.join(" ", header.length > 0 ? header : spec.usageMessage().description())
                .replace("%n", " ").strip();
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    private static String commandList(Help help) {
        Map<String, Help> subs = help.subcommands();
        if (subs.isEmpty()) {
            return "";
        }
        int width = subs.keySet().stream().mapToInt(String::length).max().orElse(0) + 2;
        Help.TextTable table = Help.TextTable.forColumns(help.colorScheme(),
                new Help.Column(width + 2, 2, Help.Column.Overflow.SPAN),
                new Help.Column(help.commandSpec().usageMessage().width() - width - 2, 2, Help.Column.Overflow.WRAP));
        for (Map.Entry<String, Help> e : subs.entrySet()) {
            table.addRowValues(e.getKey(), summary(e.getValue().commandSpec()));
        }
        return table.toString();
    }

    /** "unknown command 'lnt'. Did you mean 'lint'?" or the option equivalent, for picocli's unmatched input. */
    static String unmatched(CommandLine.UnmatchedArgumentException e) {
        CommandLine c = e.getCommandLine();
        List<String> unmatched = e.getUnmatched();
        String first = unmatched.isEmpty() ? "" : unmatched.get(0);
        String name = c.getCommandSpec().qualifiedName();
        if (first.startsWith("-")) {
            String typed = first.contains("=") ? first.substring(0, first.indexOf('=')) : first;
            List<String> names = new ArrayList<>();
            for (OptionSpec o : c.getCommandSpec().options()) {
                names.addAll(List.of(o.names()));
            }
            String guess = DidYouMean.closest(typed, names);
            return name + ": unknown option '" + typed + "'." + (guess == null ? "" : " Did you mean '" + guess + "'?");
        }
        if (!c.getSubcommands().isEmpty()) {
            String guess = DidYouMean.closest(first, c.getSubcommands().keySet());
            return name + ": unknown command '" + first + "'." + (guess == null ? "" : " Did you mean '" + guess + "'?");
        }
        return name + ": unexpected argument" + (unmatched.size() == 1 ? " '" : "s '") + String.join("' '", unmatched) + "'";
    }
}
