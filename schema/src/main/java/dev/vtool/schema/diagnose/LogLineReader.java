package dev.vtool.schema.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Splits a byte stream into lines without holding more than one buffer: a log of any size is read in
 * constant memory. Lines end at {@code \n}, {@code \r\n} or a lone {@code \r} (as {@code SourceFile}
 * splits text); bytes that are not UTF-8 become U+FFFD, since logs may quote raw network data. A line
 * longer than the cap keeps only its first {@code maxLineBytes} bytes, the rest is skipped unread
 * into memory, so one 100 MB line cannot exhaust the heap.
 */
public final class LogLineReader {
    /** Bytes kept of one line; V2Ray's longest real lines (retry chains) are a few KiB. */
    public static final int DEFAULT_MAX_LINE_BYTES = 64 * 1024;
    private static final int BUFFER_BYTES = 1024 * 1024;

    private final InputStream in;
    private final int maxLineBytes;
    private final byte[] buf;
    private int pos;
    private int limit;
    /** Where the search for a terminator resumes (bytes before it in the current line have none). */
    private int scanned;
    private boolean eof;
    /** The previous line ended with \r: a \n that follows belongs to it. */
    private boolean skipLf;
    /** Inside an over-long line: its kept start is in {@link #cut}, its rest is being skipped. */
    private boolean cutting;
    private byte[] cut;
    private byte[] lineBytes;
    private int lineStart;
    private int lineEnd;
    private long cutLines;

    public LogLineReader(InputStream in) {
        this(in, DEFAULT_MAX_LINE_BYTES);
    }

    public LogLineReader(InputStream in, int maxLineBytes) {
        if (maxLineBytes < 1) {
            throw new IllegalArgumentException("maxLineBytes must be positive");
        }
        this.in = in;
        this.maxLineBytes = maxLineBytes;
        this.buf = new byte[Math.max(BUFFER_BYTES, maxLineBytes * 2)];
    }

    /** The next line without its terminator, or null at the end of the stream. */
    public String next() throws IOException {
        return advance() ? new String(lineBytes, lineStart, lineEnd - lineStart, StandardCharsets.UTF_8) : null;
    }

    /**
     * Moves to the next line without decoding it: its bytes are {@link #lineBytes()} from
     * {@link #lineStart()} to {@link #lineEnd()}, valid until the next call. False at the end of the stream.
     */
    public boolean advance() throws IOException {
        while (true) {
            if (skipLf) {
                if (pos == limit && !fill()) {
                    return finish();
                }
                if (buf[pos] == '\n') {
                    pos++;
                    scanned = pos;
                }
                skipLf = false;
            }
            int i = terminator(Math.max(scanned, pos));
            if (i < limit) {
                if (cutting) {
                    cutting = false;
                    setLine(cut, 0, maxLineBytes);
                } else {
                    setLine(buf, pos, i);
                }
                skipLf = buf[i] == '\r';
                pos = i + 1;
                scanned = pos;
                return true;
            }
            if (cutting) {
                pos = limit; // still inside an over-long line: drop what was read of it
            } else if (limit - pos >= maxLineBytes) {
                if (cut == null) {
                    cut = new byte[maxLineBytes];
                }
                System.arraycopy(buf, pos, cut, 0, maxLineBytes);
                cutting = true;
                cutLines++;
                pos = limit;
            }
            scanned = limit;
            if (!fill()) {
                return finish();
            }
        }
    }

    /** The buffer holding the current line (see {@link #advance()}). */
    public byte[] lineBytes() {
        return lineBytes;
    }

    public int lineStart() {
        return lineStart;
    }

    public int lineEnd() {
        return lineEnd;
    }

    /** Where the first \n or \r at or after {@code from} is, or {@code limit}. */
    private int terminator(int from) {
        byte[] b = buf;
        int end = limit;
        for (int i = from; i < end; i++) {
            byte c = b[i];
            if (c <= '\r' && (c == '\n' || c == '\r')) { // one compare for almost every byte
                return i;
            }
        }
        return end;
    }

    private void setLine(byte[] bytes, int start, int end) {
        lineBytes = bytes;
        lineStart = start;
        lineEnd = end;
    }

    /** Lines longer than the cap so far (each was cut to its first {@code maxLineBytes} bytes). */
    public long cutLines() {
        return cutLines;
    }

    /** The line left at the end of the stream without a terminator, if any. */
    private boolean finish() {
        if (cutting) {
            cutting = false;
            setLine(cut, 0, maxLineBytes);
            return true;
        }
        if (limit > pos) {
            setLine(buf, pos, limit);
            pos = limit;
            scanned = limit;
            return true;
        }
        return false;
    }

    /** Reads more bytes after the unfinished line; false at the end of the stream. */
    private boolean fill() throws IOException {
        if (eof) {
            return false;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            scanned -= pos;
            limit -= pos;
            pos = 0;
        }
        int n = in.read(buf, limit, buf.length - limit);
        while (n == 0) {
            n = in.read(buf, limit, buf.length - limit);
        }
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }
}
