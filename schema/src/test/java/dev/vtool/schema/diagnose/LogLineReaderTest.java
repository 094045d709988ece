package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.schema.source.SourceFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class LogLineReaderTest {

    private static List<String> read(InputStream in, int cap) throws IOException {
        LogLineReader r = new LogLineReader(in, cap);
        List<String> out = new ArrayList<>();
        for (String l = r.next(); l != null; l = r.next()) {
            out.add(l);
        }
        return out;
    }

    /** Hands out one byte per read, so every terminator lands on a buffer edge at some point. */
    private static InputStream trickle(byte[] bytes) {
        return new InputStream() {
            private int pos;

            @Override
            public int read() {
                return pos < bytes.length ? bytes[pos++] & 0xff : -1;
            }

            @Override
            public int read(byte[] b, int off, int len) {
                if (pos >= bytes.length) {
                    return -1;
                }
                b[off] = bytes[pos++];
                return 1;
            }
        };
    }

    /** The lines diagnose used to take from a whole text (SourceFile, minus the empty one after a final newline). */
    private static List<String> sourceFileLines(String text) {
        SourceFile f = new SourceFile("x", text);
        int count = text.isEmpty() ? 0 : f.lineCount();
        if (count > 0 && f.line(count).isEmpty()) {
            count--;
        }
        List<String> out = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            out.add(f.line(i));
        }
        return out;
    }

    @Test
    void splitsLikeTheWholeTextWasSplit() throws IOException {
        SplittableRandom random = new SplittableRandom(3);
        String alphabet = "ab \n\r\u00e9";
        for (int round = 0; round < 500; round++) {
            StringBuilder s = new StringBuilder();
            int n = random.nextInt(30);
            for (int i = 0; i < n; i++) {
                s.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String text = s.toString();
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            assertEquals(sourceFileLines(text), read(new ByteArrayInputStream(bytes), 1000), text);
            assertEquals(sourceFileLines(text), read(trickle(bytes), 1000), "byte by byte: " + text);
        }
    }

    @Test
    void aHundredMegabyteLineKeepsOnlyItsStart() throws IOException {
        long lineBytes = 100L << 20;
        InputStream huge = new InputStream() {
            private long sent;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0];
            }

            @Override
            public int read(byte[] b, int off, int len) {
                // the long line, then "\r\nnext\n"
                byte[] tail = "\r\nnext\n".getBytes(StandardCharsets.US_ASCII);
                if (sent >= lineBytes + tail.length) {
                    return -1;
                }
                int n = 0;
                while (n < len && sent < lineBytes + tail.length) {
                    b[off + n++] = sent < lineBytes ? (byte) 'x' : tail[(int) (sent - lineBytes)];
                    sent++;
                }
                return n;
            }
        };
        LogLineReader r = new LogLineReader(huge);
        String first = r.next();
        assertEquals(LogLineReader.DEFAULT_MAX_LINE_BYTES, first.length());
        assertEquals("next", r.next());
        assertNull(r.next());
        assertEquals(1, r.cutLines());
    }

    @Test
    void cutLineAtTheVeryEndAndInvalidUtf8() throws IOException {
        assertEquals(List.of("abcd"), read(new ByteArrayInputStream("abcdefgh".getBytes(StandardCharsets.US_ASCII)), 4));
        assertEquals(List.of("a\uFFFDb"), read(new ByteArrayInputStream(new byte[] {'a', (byte) 0xff, 'b'}), 100));
        assertEquals(List.of(), read(new ByteArrayInputStream(new byte[0]), 100));
    }
}
