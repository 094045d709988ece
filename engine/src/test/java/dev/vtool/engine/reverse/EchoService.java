package dev.vtool.engine.reverse;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/** The service behind the bridge: a TCP echo on loopback, one daemon thread per connection (at most 64). */
final class EchoService implements AutoCloseable {
    private final ServerSocket server;
    private final AtomicInteger accepted = new AtomicInteger();

    EchoService() throws IOException {
        server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        Thread t = new Thread(this::acceptLoop, "echo-accept");
        t.setDaemon(true);
        t.start();
    }

    int port() {
        return server.getLocalPort();
    }

    int accepted() {
        return accepted.get();
    }

    private void acceptLoop() {
        while (!server.isClosed() && accepted.get() < 64) {
            try {
                Socket s = server.accept();
                accepted.incrementAndGet();
                Thread t = new Thread(() -> echo(s), "echo");
                t.setDaemon(true);
                t.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static void echo(Socket s) {
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setSoTimeout(30_000);
            byte[] buf = new byte[16 * 1024];
            int n;
            while ((n = in.read(buf)) > 0) {
                out.write(buf, 0, n);
            }
            s.shutdownOutput();
        } catch (IOException ignored) {
            // the peer went away
        }
    }

    /**
     * Connects to {@code port}, sends {@code payload} and reads as many bytes back (each read bounded by
     * {@code timeoutMillis}); returns what came back (shorter when the connection ended early).
     */
    static byte[] exchange(int port, byte[] payload, int timeoutMillis) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), timeoutMillis);
            s.setSoTimeout(timeoutMillis);
            Thread writer = new Thread(() -> {
                try {
                    s.getOutputStream().write(payload);
                } catch (IOException ignored) {
                    // the read side reports it
                }
            }, "echo-client-writer");
            writer.setDaemon(true);
            writer.start();
            return s.getInputStream().readNBytes(payload.length);
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
