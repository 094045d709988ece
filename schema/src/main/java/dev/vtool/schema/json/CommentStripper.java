package dev.vtool.schema.json;

import java.util.Arrays;

/**
 * Removes comments exactly as V2Ray 4.34's config reader does before Go's JSON decoder sees the text
 * (its {@code infra/conf/json} reader, a byte state machine): {@code //} and {@code #} comments end at
 * {@code \n} only (a {@code \r}, {@code \v} or {@code \f} inside one is part of the comment), the newline
 * itself is kept, a {@code /* *&#47;} comment vanishes without leaving a space (so {@code 1/**&#47;0} is
 * {@code 10}) except for the newlines inside it, quoted text ({@code "..."} and {@code '...'}) is left
 * alone, and a backslash outside quotes passes together with the character after it.
 *
 * <p>Parsing the result with a strict JSON parser then gives the same tokens V2Ray gets. Each kept
 * character remembers its offset in the original text, so positions still point into the file as the
 * user's editor shows it.
 */
final class CommentStripper {
    private CommentStripper() {
    }

    /** The text without comments, and the way back from its offsets to the original ones. */
    static final class Stripped {
        private final String text;
        private final int originalLength;
        // runs of kept characters: run k starts at outStart[k] in the result and inStart[k] in the original
        private final int[] outStart;
        private final int[] inStart;
        private final int runs;

        private Stripped(String text, int originalLength, int[] outStart, int[] inStart, int runs) {
            this.text = text;
            this.originalLength = originalLength;
            this.outStart = outStart;
            this.inStart = inStart;
            this.runs = runs;
        }

        String text() {
            return text;
        }

        /** The offset in the original text of the character at {@code offset} of the stripped text. */
        int originalOffset(long offset) {
            if (offset >= text.length() || runs == 0) {
                return originalLength;
            }
            int k = Arrays.binarySearch(outStart, 0, runs, (int) Math.max(0, offset));
            if (k < 0) {
                k = -k - 2;
            }
            return inStart[k] + ((int) offset - outStart[k]);
        }
    }

    private enum State { CONTENT, ESCAPE, DOUBLE_QUOTE, DOUBLE_QUOTE_ESCAPE, SINGLE_QUOTE, SINGLE_QUOTE_ESCAPE,
        COMMENT, SLASH, BLOCK_COMMENT, BLOCK_COMMENT_STAR }

    static Stripped strip(String in) {
        Out out = new Out(in.length());
        State state = State.CONTENT;
        for (int i = 0; i < in.length(); i++) {
            char x = in.charAt(i);
            switch (state) {
                case CONTENT -> {
                    switch (x) {
                        case '"' -> {
                            state = State.DOUBLE_QUOTE;
                            out.emit(x, i);
                        }
                        case '\'' -> {
                            state = State.SINGLE_QUOTE;
                            out.emit(x, i);
                        }
                        case '\\' -> state = State.ESCAPE;
                        case '#' -> state = State.COMMENT;
                        case '/' -> state = State.SLASH;
                        default -> out.emit(x, i);
                    }
                }
                case ESCAPE -> {
                    out.emit('\\', i - 1);
                    out.emit(x, i);
                    state = State.CONTENT;
                }
                case DOUBLE_QUOTE -> {
                    if (x == '\\') {
                        state = State.DOUBLE_QUOTE_ESCAPE;
                    } else {
                        out.emit(x, i);
                        if (x == '"') {
                            state = State.CONTENT;
                        }
                    }
                }
                case DOUBLE_QUOTE_ESCAPE -> {
                    out.emit('\\', i - 1);
                    out.emit(x, i);
                    state = State.DOUBLE_QUOTE;
                }
                case SINGLE_QUOTE -> {
                    if (x == '\\') {
                        state = State.SINGLE_QUOTE_ESCAPE;
                    } else {
                        out.emit(x, i);
                        if (x == '\'') {
                            state = State.CONTENT;
                        }
                    }
                }
                case SINGLE_QUOTE_ESCAPE -> {
                    out.emit('\\', i - 1);
                    out.emit(x, i);
                    state = State.SINGLE_QUOTE;
                }
                case COMMENT -> {
                    if (x == '\n') {
                        state = State.CONTENT;
                        out.emit(x, i);
                    }
                }
                case SLASH -> {
                    switch (x) {
                        case '/' -> state = State.COMMENT;
                        case '*' -> state = State.BLOCK_COMMENT;
                        // 4.34 stays in this state here; the text is not JSON from this '/' on anyway
                        default -> {
                            out.emit('/', i - 1);
                            out.emit(x, i);
                        }
                    }
                }
                case BLOCK_COMMENT -> {
                    if (x == '*') {
                        state = State.BLOCK_COMMENT_STAR;
                    } else if (x == '\n') {
                        out.emit(x, i);
                    }
                }
                case BLOCK_COMMENT_STAR -> {
                    switch (x) {
                        case '/' -> state = State.CONTENT;
                        case '*' -> { }
                        case '\n' -> out.emit(x, i);
                        default -> state = State.BLOCK_COMMENT;
                    }
                }
                default -> throw new IllegalStateException(state.name());
            }
        }
        return out.done(in);
    }

    /** The result under construction, with the run table. */
    private static final class Out {
        private final StringBuilder text;
        private int[] outStart = new int[16];
        private int[] inStart = new int[16];
        private int runs;
        private int lastIn = -2;

        Out(int capacity) {
            text = new StringBuilder(capacity);
        }

        void emit(char c, int from) {
            if (from != lastIn + 1 || runs == 0) {
                if (runs == outStart.length) {
                    outStart = Arrays.copyOf(outStart, runs * 2);
                    inStart = Arrays.copyOf(inStart, runs * 2);
                }
                outStart[runs] = text.length();
                inStart[runs] = from;
                runs++;
            }
            lastIn = from;
            text.append(c);
        }

        Stripped done(String original) {
            String s = runs == 1 && text.length() == original.length() ? original : text.toString();
            return new Stripped(s, original.length(), outStart, inStart, runs);
        }
    }
}
