package dev.vtool.schema.diagnose;

import java.util.ArrayList;
import java.util.List;

/**
 * The longest piece of plain text every match of a regular expression must contain, found
 * conservatively (top level only, nothing optional, no case-insensitive flag). Checking it with
 * {@link String#contains} first makes matching a log line against a hundred patterns cheap: most
 * patterns are ruled out without running the regex engine.
 */
final class RequiredLiteral {
    /** Shorter literals rule out too little to be worth the check. */
    static final int MIN_LENGTH = 4;

    private RequiredLiteral() {
    }

    /** The literal, or null when none of at least {@link #MIN_LENGTH} characters can be proven. */
    static String of(String regex) {
        if (regex.contains("(?i") || topLevelBranches(regex).size() > 1) {
            return null;
        }
        String best = "";
        StringBuilder run = new StringBuilder();
        int depth = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            switch (c) {
                case '\\':
                    if (i + 1 >= regex.length()) {
                        return null;
                    }
                    char next = regex.charAt(++i);
                    if (Character.isLetterOrDigit(next)) {
                        best = longer(best, run); // a class (\d, \S) or an anchor (\b): not plain text
                        run.setLength(0);
                    } else if (depth == 0) {
                        run.append(next);
                    }
                    break;
                case '(':
                    depth++;
                    best = longer(best, run);
                    run.setLength(0);
                    break;
                case ')':
                    depth--;
                    best = longer(best, run);
                    run.setLength(0);
                    break;
                case '[':
                    i = endOfClass(regex, i);
                    best = longer(best, run);
                    run.setLength(0);
                    break;
                case '*':
                case '+':
                case '?':
                case '{':
                    // The character before a quantifier may be absent or repeated: keep only what precedes it.
                    if (run.length() > 0) {
                        run.setLength(run.length() - 1);
                    }
                    best = longer(best, run);
                    run.setLength(0);
                    if (c == '{') {
                        int close = regex.indexOf('}', i);
                        i = close < 0 ? regex.length() : close;
                    }
                    break;
                case '.':
                case '^':
                case '$':
                    best = longer(best, run);
                    run.setLength(0);
                    break;
                default:
                    if (depth == 0) {
                        run.append(c);
                    }
            }
        }
        best = longer(best, run);
        return best.length() >= MIN_LENGTH ? best : null;
    }

    /**
     * Pieces of text of which every match contains at least one, compared ignoring ASCII case (for a
     * case-folding index such as {@link LiteralIndex}): one per branch of a top-level alternation, and a
     * leading {@code (?i)} is allowed. Null when some branch has no provable piece.
     */
    static List<String> anyOf(String regex) {
        String body = regex.startsWith("(?i)") ? regex.substring(4) : regex;
        if (body.contains("(?i")) {
            return null;
        }
        List<String> out = new ArrayList<>();
        for (String branch : topLevelBranches(body)) {
            String piece = of(branch);
            if (piece == null) {
                return null;
            }
            out.add(piece);
        }
        return out;
    }

    private static List<String> topLevelBranches(String regex) {
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == '[') {
                i = endOfClass(regex, i);
            } else if (c == '(') {
                depth++;
            } else if (c == ')') {
                depth--;
            } else if (c == '|' && depth == 0) {
                out.add(regex.substring(start, i));
                start = i + 1;
            }
        }
        out.add(regex.substring(start));
        return out;
    }

    private static String longer(String best, StringBuilder run) {
        return run.length() > best.length() ? run.toString() : best;
    }

    private static int endOfClass(String regex, int open) {
        for (int i = open + 1; i < regex.length(); i++) {
            char c = regex.charAt(i);
            if (c == '\\') {
                i++;
            } else if (c == ']' && i > open + 1) {
                return i;
            }
        }
        return regex.length();
    }
}
