package dev.vtool.cli.follow;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Objects;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A log file read as an endless stream, like {@code tail -F}: at its end it waits for more instead of
 * ending. When the file is truncated (copytruncate) it reads again from the start; when the name is
 * moved away and a new file takes its place (logrotate's create), it finishes the old file and goes
 * on with the new one. A line cut by either is ended there, so it does not glue onto the next file's
 * first line. The stream ends only when {@code stopping} says so.
 */
public final class FollowedFile extends InputStream {
    private final Path path;
    private final BooleanSupplier stopping;
    private final long pollMillis;
    private final Consumer<String> notice;
    private FileChannel channel;
    private Object fileKey;
    /** The last byte handed out was not a line end: a switch of file must end that line. */
    private boolean midLine;

    /**
     * @param notice told, in words, when the file is truncated, replaced or missing
     */
    public FollowedFile(Path path, BooleanSupplier stopping, long pollMillis, Consumer<String> notice)
            throws IOException {
        this.path = path;
        this.stopping = stopping;
        this.pollMillis = pollMillis;
        this.notice = notice;
        open(); // the first open fails loudly: a wrong name is a usage error, not something to wait for
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (channel != null) {
                int n = channel.read(ByteBuffer.wrap(b, off, len));
                if (n > 0) {
                    midLine = b[off + n - 1] != '\n' && b[off + n - 1] != '\r';
                    return n;
                }
            }
            if (stopping.getAsBoolean()) {
                return -1;
            }
            if (switchedFile()) {
                if (midLine) {
                    midLine = false;
                    b[off] = '\n';
                    return 1;
                }
                continue;
            }
            try {
                Thread.sleep(pollMillis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while following " + path);
            }
        }
    }

    /** Checks for truncation and replacement at the end of the data; true if reading starts anew. */
    private boolean switchedFile() throws IOException {
        BasicFileAttributes now;
        try {
            now = Files.readAttributes(path, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return false; // moved away, the new one not created yet: keep the old one open and wait
        }
        Object key = now.fileKey();
        if (channel == null || key != null && !key.equals(fileKey)) {
            if (channel != null && channel.position() < channel.size()) {
                return false; // the old file grew after we looked: finish it first
            }
            boolean replaced = channel != null;
            closeChannel();
            try {
                open();
            } catch (NoSuchFileException e) {
                return false;
            }
            if (replaced) {
                notice.accept(path + " was replaced (rotated): reading the new file from its start");
            }
            return true;
        }
        if (now.size() < channel.position()) {
            channel.position(0);
            notice.accept(path + " was truncated: reading it again from its start");
            return true;
        }
        return false;
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.READ);
        fileKey = Files.readAttributes(path, BasicFileAttributes.class).fileKey();
    }

    private void closeChannel() throws IOException {
        if (channel != null) {
            channel.close();
            channel = null;
        }
    }

    @Override
    public void close() throws IOException {
        closeChannel();
    }
}
