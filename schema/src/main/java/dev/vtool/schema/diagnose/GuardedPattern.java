package dev.vtool.schema.diagnose;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A compiled pattern with the plain text every match must contain ({@link RequiredLiteral}) and its
 * group names, so a line that lacks the text is ruled out by {@link String#contains} alone.
 */
final class GuardedPattern {
    private static final Pattern GROUP_NAME = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");

    private final Pattern pattern;
    private final String literal;
    private final List<String> groupNames = new ArrayList<>();
    /**
     * The pattern starts with its literal (after an optional {@code \b}): a match can only start where
     * the literal does, so the search starts at its first occurrence (the regex engine cannot skip
     * ahead by itself when the pattern opens with {@code \b}).
     */
    private final boolean startsWithLiteral;

    GuardedPattern(Pattern pattern) {
        this.pattern = pattern;
        this.literal = RequiredLiteral.of(pattern.pattern());
        String p = pattern.pattern();
        String body = p.startsWith("\\b") ? p.substring(2) : p;
        this.startsWithLiteral = literal != null && pattern.flags() == 0 && body.startsWith(literal);
        Matcher m = GROUP_NAME.matcher(pattern.pattern());
        while (m.find()) {
            groupNames.add(m.group(1));
        }
    }

    Pattern pattern() {
        return pattern;
    }

    /** The text every match contains, or null when none could be proven. */
    String literal() {
        return literal;
    }

    boolean find(String text) {
        return (literal == null || text.contains(literal)) && pattern.matcher(text).find();
    }

    /** The named groups that took part in the first match, or null without a match. */
    Map<String, String> match(String text) {
        if (literal != null && !text.contains(literal)) {
            return null;
        }
        return matchContaining(text);
    }

    /** {@link #match} for a text already known to contain the literal (a {@link LiteralIndex} hit). */
    Map<String, String> matchContaining(String text) {
        Matcher m = pattern.matcher(text);
        int from = startsWithLiteral ? text.indexOf(literal) : 0;
        if (from < 0 || !m.find(from)) {
            return null;
        }
        if (groupNames.isEmpty()) {
            return Map.of();
        }
        Map<String, String> groups = new LinkedHashMap<>();
        for (String name : groupNames) {
            String value = m.group(name);
            if (value != null && !groups.containsKey(name)) {
                groups.put(name, value);
            }
        }
        return groups;
    }
}
