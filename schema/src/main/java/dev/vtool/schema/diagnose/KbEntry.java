package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Severity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One known message of the knowledge base: the patterns that recognise it and what it means.
 * Each pattern is guarded by the literal text its matches must contain ({@link GuardedPattern}).
 */
public final class KbEntry {
    private final String id;
    private final String title;
    private final Severity severity;
    private final List<Pattern> patterns;
    private final String cause;
    private final String fix;
    private final String doc;
    private final String tailor;
    private final List<String> examples;
    private final List<GuardedPattern> guarded = new ArrayList<>();

    /**
     * @param tailor   name of a config-aware check ({@link Tailors}) that sharpens the fix, or null
     * @param examples real log lines the entry must recognise (checked by the knowledge-base test)
     */
    public KbEntry(String id, String title, Severity severity, List<Pattern> patterns, String cause, String fix,
                   String doc, String tailor, List<String> examples) {
        this.id = id;
        this.title = title;
        this.severity = severity;
        this.patterns = List.copyOf(patterns);
        this.cause = cause;
        this.fix = fix;
        this.doc = doc;
        this.tailor = tailor;
        this.examples = List.copyOf(examples);
        for (Pattern p : this.patterns) {
            guarded.add(new GuardedPattern(p));
        }
    }

    /** The named groups of the first pattern that finds a match in the text, or null if none does. */
    public Map<String, String> match(String text) {
        for (GuardedPattern p : guarded) {
            Map<String, String> groups = p.match(text);
            if (groups != null) {
                return groups;
            }
        }
        return null;
    }

    /** Problems count toward exit code 1; info entries (normal events) do not. */
    public boolean isProblem() {
        return severity != Severity.INFO;
    }

    public String id() {
        return id;
    }

    public String title() {
        return title;
    }

    public Severity severity() {
        return severity;
    }

    public List<Pattern> patterns() {
        return patterns;
    }

    /** The patterns with their guards, in file order. */
    List<GuardedPattern> guardedPatterns() {
        return guarded;
    }

    /** Per pattern, the text every match contains (null when none can be proven). */
    List<String> requiredLiterals() {
        return guarded.stream().map(GuardedPattern::literal).toList();
    }

    public String cause() {
        return cause;
    }

    public String fix() {
        return fix;
    }

    public String doc() {
        return doc;
    }

    public String tailor() {
        return tailor;
    }

    public List<String> examples() {
        return examples;
    }

    @Override
    public String toString() {
        return id;
    }
}
