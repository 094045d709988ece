package dev.vtool.cli.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A loopback TCP origin for counter tests: per connection it reads exactly {@code up} bytes, answers with
 * {@code down} bytes and closes, so both directions move a known number of payload bytes.
 */
final class CountingOrigin implements AutoCloseable {
    private final ServerSocket server;
    private final int up;
    private final int down;
    final AtomicLong received = new AtomicLong();
    private final Thread acceptor;

    CountingOrigin(int up, int down) throws IOException {
        this.up = up;
        this.down = down;
        this.server = new ServerSocket(0, 16, InetAddress.getLoopbackAddress());
        this.acceptor = new Thread(this::accept, "counting-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    private void accept() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                byte[] buf = new byte[8192];
                int got = 0;
                while (got < up) {
                    int n = in.read(buf, 0, Math.min(buf.length, up - got));
                    if (n < 0) {
                        break;
                    }
                    got += n;
                }
                received.addAndGet(got);
                OutputStream out = s.getOutputStream();
                byte[] chunk = new byte[8192];
                for (int sent = 0; sent < down; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, down - sent));
                }
                out.flush();
            } catch (IOException e) {
                // closed by close(), or a client gave up: the test sees it in its own numbers
            }
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
        acceptor.join(5_000);
    }
}
