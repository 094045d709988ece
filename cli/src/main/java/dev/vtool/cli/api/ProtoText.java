package dev.vtool.cli.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Protobuf's text format for the flat requests {@code v2ctl api} takes ({@code name: "x" reset: true},
 * {@code pattern: ""}) and the way its Go library prints answers ({@code stat: <} blocks, strings with
 * Go's escapes), so scripts written for v2ctl read vtool's output unchanged.
 */
public final class ProtoText {
    private ProtoText() {
    }

    /** Fields of a flat text message: strings, booleans and integers by field name. */
    public static Map<String, Object> parse(String text) {
        Map<String, Object> out = new LinkedHashMap<>();
        int i = 0;
        int n = text.length();
        while (true) {
            while (i < n && (Character.isWhitespace(text.charAt(i)) || text.charAt(i) == ',' || text.charAt(i) == ';')) {
                i++;
            }
            if (i >= n) {
                return out;
            }
            int start = i;
            while (i < n && (Character.isLetterOrDigit(text.charAt(i)) || text.charAt(i) == '_')) {
                i++;
            }
            if (start == i) {
                throw new IllegalArgumentException("expected a field name at column " + (i + 1) + " of: " + text);
            }
            String name = text.substring(start, i);
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i >= n || text.charAt(i) != ':') {
                throw new IllegalArgumentException("expected ':' after " + name);
            }
            i++;
            while (i < n && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i < n && (text.charAt(i) == '"' || text.charAt(i) == '\'')) {
                char quote = text.charAt(i++);
                ByteArrayOutputStream value = new ByteArrayOutputStream();
                while (i < n && text.charAt(i) != quote) {
                    char c = text.charAt(i++);
                    if (c == '\\' && i < n) {
                        char e = text.charAt(i++);
                        switch (e) {
                            case 'n' -> value.write('\n');
                            case 't' -> value.write('\t');
                            case 'r' -> value.write('\r');
                            default -> {
                                if (e >= '0' && e <= '7' && i + 1 < n) {
                                    value.write(Integer.parseInt(text.substring(i - 1, i + 2), 8));
                                    i += 2;
                                } else {
                                    value.writeBytes(String.valueOf(e).getBytes(StandardCharsets.UTF_8));
                                }
                            }
                        }
                    } else {
                        value.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                    }
                }
                if (i >= n) {
                    throw new IllegalArgumentException("unterminated string in: " + text);
                }
                i++;
                out.put(name, value.toString(StandardCharsets.UTF_8));
            } else {
                int vs = i;
                while (i < n && !Character.isWhitespace(text.charAt(i)) && text.charAt(i) != ',' && text.charAt(i) != ';') {
                    i++;
                }
                String word = text.substring(vs, i);
                if (word.equals("true") || word.equals("True") || word.equals("t")) {
                    out.put(name, Boolean.TRUE);
                } else if (word.equals("false") || word.equals("False") || word.equals("f")) {
                    out.put(name, Boolean.FALSE);
                } else {
                    try {
                        out.put(name, Long.parseLong(word));
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("unexpected value \"" + word + "\" for " + name);
                    }
                }
            }
        }
    }

    /** A string as Go's text marshaller quotes it (octal escapes for bytes outside printable ASCII). */
    public static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            int c = x & 0xff;
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                case '"' -> b.append("\\\"");
                case '\'' -> b.append("\\'");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c >= 0x20 && c < 0x7f) {
                        b.append((char) c);
                    } else {
                        b.append('\\').append(String.format("%03o", c));
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
