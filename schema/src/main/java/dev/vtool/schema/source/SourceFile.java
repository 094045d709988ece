package dev.vtool.schema.source;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The text of one input (a file or stdin) with a display name; knows its lines for snippets. */
public final class SourceFile {
    private final String name;
    private final String text;
    private List<String> lines;

    public SourceFile(String name, String text) {
        this.name = name;
        this.text = text;
    }

    public static SourceFile read(Path path) throws IOException {
        return new SourceFile(path.toString(), Files.readString(path, StandardCharsets.UTF_8));
    }

    public static SourceFile read(String name, InputStream in) throws IOException {
        return new SourceFile(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    }

    public String name() {
        return name;
    }

    public String text() {
        return text;
    }

    /** The 1-based line without its line terminator, or "" when out of range. */
    public String line(int lineNumber) {
        List<String> all = lines();
        return lineNumber >= 1 && lineNumber <= all.size() ? all.get(lineNumber - 1) : "";
    }

    public int lineCount() {
        return lines().size();
    }

    private List<String> lines() {
        if (lines == null) {
            List<String> out = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '\n' || c == '\r') {
                    out.add(text.substring(start, i));
                    if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    start = i + 1;
                }
            }
            out.add(text.substring(start));
            lines = out;
        }
        return lines;
    }

    @Override
    public String toString() {
        return name;
    }
}
