package dev.vtool.schema.json;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.source.SourceFile;
import tools.jackson.core.JacksonException;
import tools.jackson.core.TokenStreamLocation;

/** Turns a parser error into a finding that names the usual hand-editing mistake and its fix. */
final class SyntaxErrorExplainer {
    private final SourceFile source;
    private final String text;
    private final SourceScan scan;

    SyntaxErrorExplainer(SourceFile source, String text) {
        this.source = source;
        this.text = text;
        this.scan = new SourceScan(text);
    }

    /** @param stripped the comment-free text the parser saw, to map its offsets back into the file */
    Finding explain(JacksonException e, CommentStripper.Stripped stripped) {
        String raw = e.getOriginalMessage() == null ? "syntax error" : e.getOriginalMessage();
        TokenStreamLocation at = e.getLocation();
        long offset = at == null || at.getCharOffset() < 0 ? Long.MAX_VALUE : at.getCharOffset();
        // Jackson points at the offending character, except for escapes, where it is past the backslash.
        int bad = stripped.originalOffset(raw.startsWith("Unrecognized character escape") ? Math.max(0, offset - 1) : offset);
        char c = bad < text.length() ? text.charAt(bad) : 0;

        if (raw.contains("end-of-input") && raw.contains("comment") || scan.unterminatedCommentStart() >= 0 && raw.contains("end-of-input")) {
            int start = Math.max(0, scan.unterminatedCommentStart());
            return finding(start, "a /* comment is never closed", "add */ where the comment should end");
        }
        if (raw.contains("end-of-input") && raw.contains("closing quote")) {
            return finding(bad, "a string is never closed", "add the missing \" at the end of the string");
        }
        if (raw.contains("end-of-input")) {
            int open = scan.innermostOpenBracket(text.length());
            char o = open >= 0 ? text.charAt(open) : '{';
            return finding(open >= 0 ? open : bad,
                    "the file ends before this " + o + " is closed",
                    "add the missing " + (o == '[' ? "]" : "}") + " (check that every { and [ has its partner)");
        }
        if (c == '\u201C' || c == '\u201D' || c == '\u2018' || c == '\u2019' || c == '\u00AB' || c == '\u00BB') {
            return finding(bad, "typographic quote " + c + " (from a word processor) where JSON needs a plain \"",
                    "replace the curly quotes with straight double quotes \"; edit configs in a code editor, not a word processor");
        }
        if (c == '/') {
            return finding(bad, "a single / outside a string is not JSON (comments start with // or /*); V2Ray rejects it",
                    "write // before a comment, or put the text in a \"string\"");
        }
        if (c == '\'') {
            return finding(bad, "single quotes are not JSON; V2Ray rejects '...' strings and keys",
                    "use double quotes: \"...\"");
        }
        if (raw.contains("was expecting comma to separate Object entries")
                || raw.contains("was expecting comma to separate Array entries")) {
            int prev = scan.previousSignificant(bad);
            int at2 = prev >= 0 ? prev + 1 : bad;
            Location l = location(bad);
            return new Finding(ConfigReader.SYNTAX.id(), Severity.ERROR, l,
                    "missing comma before this " + (raw.contains("Object") ? "member" : "element"),
                    "add a , after the previous value (line " + location(at2 - 1).line() + ")");
        }
        if (raw.contains("was expecting double-quote to start") || raw.contains("expected a value")
                || raw.contains("expected a valid value")) {
            int prev = scan.previousSignificant(bad);
            if ((c == '}' || c == ']') && prev >= 0 && text.charAt(prev) == ',') {
                return finding(prev, "trailing comma before " + c + "; V2Ray rejects it",
                        "remove this comma after the last " + (c == '}' ? "member" : "element"));
            }
            if (raw.contains("double-quote to start") && (Character.isLetter(c) || c == '_')) {
                String word = wordAt(bad);
                return finding(bad, "key " + word + " is not in double quotes", "write \"" + word + "\"");
            }
            if (Character.isLetter(c)) {
                String word = wordAt(bad);
                return finding(bad, "unquoted value " + word + " (only true, false, null and numbers go without quotes)",
                        "write \"" + word + "\" if it is a string");
            }
        }
        if (raw.startsWith("Unrecognized character escape")) {
            char escaped = bad + 1 < text.length() ? text.charAt(bad + 1) : ' ';
            return finding(bad, "a backslash starts an escape sequence in JSON strings; \\" + escaped + " is not one",
                    "write \\\\ for a backslash (C:\\\\v2ray\\\\config.json) or use / in paths");
        }
        if (raw.startsWith("Illegal unquoted character") && raw.contains("code 10")) {
            return finding(bad, "a string runs to the end of the line without its closing \"",
                    "add the missing \" before the line break");
        }
        String firstLine = raw.lines().findFirst().orElse(raw);
        return finding(bad, "invalid JSON: " + firstLine, null);
    }

    private String wordAt(int offset) {
        int end = offset;
        while (end < text.length() && (Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_' || text.charAt(end) == '-')) {
            end++;
        }
        return text.substring(offset, Math.max(end, offset + 1));
    }

    private Finding finding(int offset, String message, String fix) {
        return new Finding(ConfigReader.SYNTAX.id(), Severity.ERROR, location(offset), message, fix);
    }

    private Location location(int offset) {
        int line = 1;
        int col = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            char ch = text.charAt(i);
            if (ch == '\n' || ch == '\r' && (i + 1 >= text.length() || text.charAt(i + 1) != '\n')) {
                line++;
                col = 1;
            } else if (ch != '\r') {
                col++;
            }
        }
        return new Location(source, line, col);
    }
}
