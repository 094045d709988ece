package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Severity;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One known message of the knowledge base: the patterns that recognise it and what it means.
 *
 * @param tailor  name of a config-aware check ({@link Tailors}) that sharpens the fix, or null
 * @param examples real log lines the entry must recognise (checked by the knowledge-base test)
 */
public record KbEntry(String id, String title, Severity severity, List<Pattern> patterns, String cause,
                      String fix, String doc, String tailor, List<String> examples) {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    public KbEntry {
        patterns = List.copyOf(patterns);
        examples = List.copyOf(examples);
    }

    /** The named groups of the first pattern that finds a match in the text, or null if none does. */
    public Map<String, String> match(String text) {
        for (Pattern p : patterns) {
            Matcher m = p.matcher(text);
            if (m.find()) {
                Map<String, String> groups = new LinkedHashMap<>();
                Matcher names = GROUP_NAME.matcher(p.pattern());
                while (names.find()) {
                    String name = names.group(1);
                    String value = m.group(name);
                    if (value != null && !groups.containsKey(name)) {
                        groups.put(name, value);
                    }
                }
                return groups;
            }
        }
        return null;
    }

    /** Problems count toward exit code 1; info entries (normal events) do not. */
    public boolean isProblem() {
        return severity != Severity.INFO;
    }
}
