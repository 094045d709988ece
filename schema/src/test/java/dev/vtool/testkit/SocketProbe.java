package dev.vtool.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;

/** Reads what a server sends back to a probe, for the hostile-input tests of engine and cli. */
public final class SocketProbe {
    private SocketProbe() {
    }

    /** What a probe saw: bytes received, and whether (and after how long) the server closed. */
    public record Outcome(int bytes, boolean closed, long millis) {
    }

    /** Reads until EOF/reset or the timeout; counts bytes and times the close from the call. */
    public static Outcome readUntilClosed(Socket s, int timeoutMillis) throws IOException {
        long start = System.nanoTime();
        long end = start + timeoutMillis * 1_000_000L;
        InputStream in = s.getInputStream();
        int total = 0;
        byte[] buf = new byte[4096];
        try {
            while (true) {
                long left = (end - System.nanoTime()) / 1_000_000L;
                if (left <= 0) {
                    return new Outcome(total, false, timeoutMillis);
                }
                s.setSoTimeout((int) left);
                int n = in.read(buf);
                if (n < 0) {
                    break;
                }
                total += n;
            }
        } catch (SocketTimeoutException stillOpen) {
            return new Outcome(total, false, timeoutMillis);
        } catch (IOException reset) {
            // an RST after unread data is a close too
        }
        return new Outcome(total, true, (System.nanoTime() - start) / 1_000_000L);
    }
}
