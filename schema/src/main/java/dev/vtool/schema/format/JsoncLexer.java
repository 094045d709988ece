package dev.vtool.schema.format;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits commented JSON into tokens that keep their exact text, comments included ({@code //}, {@code #}
 * to the end of the line, {@code /* *&#47;}), each with the number of line breaks before it. The formatter
 * only runs on text the config reader accepted, so anything unexpected is reported, not repaired.
 */
final class JsoncLexer {
    enum Kind { LBRACE, RBRACE, LBRACKET, RBRACKET, COLON, COMMA, STRING, LITERAL, LINE_COMMENT, BLOCK_COMMENT, EOF }

    record Token(Kind kind, String text, int newlinesBefore, int offset) {
        boolean isComment() {
            return kind == Kind.LINE_COMMENT || kind == Kind.BLOCK_COMMENT;
        }
    }

    private JsoncLexer() {
    }

    static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        int n = text.length();
        int newlines = 0;
        while (i < n) {
            char c = text.charAt(i);
            int start = i;
            if (c == '\n') {
                newlines++;
                i++;
                continue;
            }
            if (Character.isWhitespace(c) || c == '\uFEFF') {
                i++;
                continue;
            }
            Kind kind;
            switch (c) {
                case '{' -> { kind = Kind.LBRACE; i++; }
                case '}' -> { kind = Kind.RBRACE; i++; }
                case '[' -> { kind = Kind.LBRACKET; i++; }
                case ']' -> { kind = Kind.RBRACKET; i++; }
                case ':' -> { kind = Kind.COLON; i++; }
                case ',' -> { kind = Kind.COMMA; i++; }
                case '"' -> {
                    kind = Kind.STRING;
                    i++;
                    while (i < n && text.charAt(i) != '"') {
                        i += text.charAt(i) == '\\' ? 2 : 1;
                    }
                    if (i >= n) {
                        throw new FormatException("unterminated string", text, start);
                    }
                    i++;
                }
                case '#' -> {
                    kind = Kind.LINE_COMMENT;
                    i = endOfLine(text, i);
                }
                case '/' -> {
                    if (i + 1 < n && text.charAt(i + 1) == '/') {
                        kind = Kind.LINE_COMMENT;
                        i = endOfLine(text, i);
                    } else if (i + 1 < n && text.charAt(i + 1) == '*') {
                        int end = text.indexOf("*/", i + 2);
                        if (end < 0) {
                            throw new FormatException("unterminated /* comment", text, start);
                        }
                        kind = Kind.BLOCK_COMMENT;
                        i = end + 2;
                    } else {
                        throw new FormatException("unexpected '/'", text, start);
                    }
                }
                default -> {
                    kind = Kind.LITERAL;
                    while (i < n && isLiteralChar(text.charAt(i))) {
                        i++;
                    }
                    if (i == start) {
                        throw new FormatException("unexpected character '" + c + "'", text, start);
                    }
                }
            }
            String raw = text.substring(start, i);
            if (kind == Kind.LINE_COMMENT) {
                raw = raw.stripTrailing();
            }
            out.add(new Token(kind, raw, newlines, start));
            newlines = 0;
        }
        out.add(new Token(Kind.EOF, "", newlines, n));
        return out;
    }

    private static int endOfLine(String text, int i) {
        int end = text.indexOf('\n', i);
        return end < 0 ? text.length() : end;
    }

    private static boolean isLiteralChar(char c) {
        return Character.isLetterOrDigit(c) || c == '-' || c == '+' || c == '.';
    }
}
