package dev.vtool.engine.hostile;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw-socket helpers for the hostile-input tests. */
final class Probe {
    private Probe() {
    }

    /** What a probe saw: bytes received, and whether (and after how long) the server closed. */
    record Outcome(int bytes, boolean closed, long millis) {
    }

    /** Reads until EOF/reset or the timeout; counts bytes and times the close from the call. */
    static Outcome readUntilClosed(Socket s, int timeoutMillis) throws IOException {
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

    /** A loopback TCP listener that only counts the connections it accepts. */
    static final class CountingListener implements AutoCloseable {
        private final ServerSocket server;
        private final AtomicInteger accepted = new AtomicInteger();
        private final Thread thread;

        CountingListener() throws IOException {
            server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            thread = new Thread(() -> {
                while (!server.isClosed()) {
                    try (Socket s = server.accept()) {
                        accepted.incrementAndGet();
                    } catch (IOException closed) {
                        return;
                    }
                }
            }, "counting-listener");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return server.getLocalPort();
        }

        int accepted() {
            return accepted.get();
        }

        boolean awaitAccepted(int n, long millis) throws InterruptedException {
            long end = System.nanoTime() + millis * 1_000_000L;
            while (accepted.get() < n && System.nanoTime() < end) {
                Thread.sleep(20);
            }
            return accepted.get() >= n;
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
