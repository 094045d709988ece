package dev.vtool.schema.suppress;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Finds the {@code vtool-disable-line}, {@code vtool-disable-next-line} and {@code vtool-disable} comments of
 * a config ({@code //}, {@code #} or {@code /* *&#47;}). Rule ids follow the keyword, separated by spaces or
 * commas; {@code -- why} after them is a reason for the reader and ignored. Strings are skipped, so a
 * directive inside a value is text, not a directive.
 */
final class DirectiveScanner {
    private DirectiveScanner() {
    }

    static List<Directive> scan(String text) {
        List<Directive> out = new ArrayList<>();
        int line = 1;
        int lineStart = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                lineStart = ++i;
            } else if (c == '"') {
                i++;
                while (i < n && text.charAt(i) != '"' && text.charAt(i) != '\n') {
                    i += text.charAt(i) == '\\' ? 2 : 1;
                }
                i++;
            } else if (c == '#' || text.startsWith("//", i)) {
                int end = text.indexOf('\n', i);
                end = end < 0 ? n : end;
                parse(text.substring(i + (c == '#' ? 1 : 2), end), line, i - lineStart + 1, line, out);
                i = end;
            } else if (text.startsWith("/*", i)) {
                int end = text.indexOf("*/", i + 2);
                end = end < 0 ? n : end;
                String body = text.substring(i + 2, end);
                int endLine = line + (int) body.chars().filter(ch -> ch == '\n').count();
                parse(body, line, i - lineStart + 1, endLine, out);
                for (int k = i; k < end; k++) {
                    if (text.charAt(k) == '\n') {
                        line++;
                        lineStart = k + 1;
                    }
                }
                i = Math.min(n, end + 2);
            } else {
                i++;
            }
        }
        return out;
    }

    private static void parse(String body, int line, int column, int endLine, List<Directive> out) {
        String s = body.strip();
        Directive.Scope scope = null;
        // longest keyword first: vtool-disable is a prefix of the other two
        for (Directive.Scope candidate : new Directive.Scope[] {Directive.Scope.NEXT_LINE, Directive.Scope.LINE,
                Directive.Scope.FILE}) {
            String k = candidate.keyword;
            if (s.startsWith(k) && (s.length() == k.length() || Character.isWhitespace(s.charAt(k.length())))) {
                scope = candidate;
                s = s.substring(k.length());
                break;
            }
        }
        if (scope == null) {
            return;
        }
        int reason = s.indexOf("--");
        if (reason >= 0) {
            s = s.substring(0, reason);
        }
        Set<String> rules = new LinkedHashSet<>();
        for (String r : s.split("[\\s,]+")) {
            if (!r.isEmpty()) {
                rules.add(r);
            }
        }
        int target = scope == Directive.Scope.NEXT_LINE ? endLine + 1 : line;
        out.add(new Directive(scope, java.util.Collections.unmodifiableSet(rules), line, column, target));
    }
}
