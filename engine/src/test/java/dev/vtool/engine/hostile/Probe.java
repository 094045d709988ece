package dev.vtool.engine.hostile;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** Raw-socket helpers for the hostile-input tests. */
final class Probe {
    private Probe() {
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
