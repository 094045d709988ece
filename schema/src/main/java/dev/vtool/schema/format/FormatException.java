package dev.vtool.schema.format;

/** Text the formatter cannot take apart; carries the 1-based line and column. */
public final class FormatException extends RuntimeException {
    private final int line;
    private final int column;

    FormatException(String message, String text, int offset) {
        super(message, null, false, false);
        int l = 1;
        int lineStart = 0;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                l++;
                lineStart = i + 1;
            }
        }
        this.line = l;
        this.column = offset - lineStart + 1;
    }

    public int line() {
        return line;
    }

    public int column() {
        return column;
    }
}
