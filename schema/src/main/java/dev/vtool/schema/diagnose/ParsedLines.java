package dev.vtool.schema.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.function.Consumer;

/**
 * Reads and parses a stream on a thread of its own while the caller matches and counts: two stages
 * of about equal cost, so a second core nearly doubles the MB/s. Lines travel in batches through a
 * short queue, so memory stays bounded (at most {@link #QUEUED} batches of about
 * {@link #BATCH_CHARS} characters each wait) and the order of lines is kept.
 */
final class ParsedLines {
    static final int QUEUED = 4;
    static final int BATCH_LINES = 1024;
    static final int BATCH_CHARS = 256 * 1024;

    /** A run of parsed lines; the last one of the stream says how it ended. */
    private record Batch(List<LogLine> lines, boolean last, long cutLines, IOException failure) {
    }

    private ParsedLines() {
    }

    /** Hands every line of the stream, in order, to {@code sink} on the calling thread; returns the cut lines. */
    static long read(InputStream in, LogLineParser parser, Consumer<LogLine> sink) throws IOException {
        BlockingQueue<Batch> queue = new ArrayBlockingQueue<>(QUEUED);
        Thread reader = new Thread(() -> produce(in, parser, queue), "diagnose-reader");
        reader.setDaemon(true);
        reader.start();
        try {
            while (true) {
                Batch batch = queue.take();
                for (LogLine line : batch.lines()) {
                    sink.accept(line);
                }
                if (batch.last()) {
                    if (batch.failure() != null) {
                        throw batch.failure();
                    }
                    return batch.cutLines();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while diagnosing");
        } finally {
            reader.interrupt(); // on a failure in the sink: stop reading
        }
    }

    private static void produce(InputStream in, LogLineParser parser, BlockingQueue<Batch> queue) {
        LogLineReader reader = new LogLineReader(in);
        List<LogLine> lines = new ArrayList<>();
        long chars = 0;
        try {
            for (String raw = reader.next(); raw != null; raw = reader.next()) {
                lines.add(parser.next(raw));
                chars += raw.length();
                if (lines.size() == BATCH_LINES || chars >= BATCH_CHARS) {
                    queue.put(new Batch(lines, false, 0, null));
                    lines = new ArrayList<>();
                    chars = 0;
                }
            }
            queue.put(new Batch(lines, true, reader.cutLines(), null));
        } catch (IOException e) {
            putLast(queue, new Batch(lines, true, reader.cutLines(), e));
        } catch (UncheckedIOException e) {
            putLast(queue, new Batch(lines, true, reader.cutLines(), e.getCause()));
        } catch (InterruptedException e) {
            // the caller gave up: nobody waits for more
        } catch (RuntimeException | Error e) {
            putLast(queue, new Batch(lines, true, reader.cutLines(), new IOException("reading failed: " + e, e)));
        }
    }

    private static void putLast(BlockingQueue<Batch> queue, Batch batch) {
        try {
            queue.put(batch);
        } catch (InterruptedException e) {
            // the caller gave up
        }
    }
}
