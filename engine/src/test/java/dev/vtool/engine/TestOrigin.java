package dev.vtool.engine;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/** Loopback servers the proxied clients talk to: an HTTP origin and a UDP echo. */
final class TestOrigin implements AutoCloseable {
    final HttpServer http;
    final DatagramSocket udp;
    private final Thread udpThread;

    TestOrigin() throws IOException {
        http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        http.createContext("/hello", ex -> {
            String host = ex.getRequestHeaders().getFirst("Host");
            byte[] body = ("hello from origin, host=" + host + ", path=" + ex.getRequestURI()).getBytes(
                    StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "text/plain");
            ex.sendResponseHeaders(200, body.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(body);
            }
        });
        http.createContext("/echo", ex -> {
            byte[] in = ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, in.length);
            try (OutputStream os = ex.getResponseBody()) {
                os.write(in);
            }
        });
        http.createContext("/big", ex -> {
            int size = Integer.parseInt(ex.getRequestURI().getQuery());
            ex.sendResponseHeaders(200, size);
            byte[] chunk = new byte[64 * 1024];
            for (int i = 0; i < chunk.length; i++) {
                chunk[i] = (byte) i;
            }
            try (OutputStream os = ex.getResponseBody()) {
                for (int left = size; left > 0; left -= chunk.length) {
                    os.write(chunk, 0, Math.min(left, chunk.length));
                }
            }
        });
        http.start();
        udp = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        udp.setSoTimeout(200);
        udpThread = new Thread(this::echoLoop, "udp-echo");
        udpThread.setDaemon(true);
        udpThread.start();
    }

    int httpPort() {
        return http.getAddress().getPort();
    }

    int udpPort() {
        return udp.getLocalPort();
    }

    private void echoLoop() {
        byte[] buf = new byte[65535];
        while (!udp.isClosed()) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                udp.receive(p);
                byte[] reply = ("echo:" + new String(p.getData(), 0, p.getLength(), StandardCharsets.UTF_8))
                        .getBytes(StandardCharsets.UTF_8);
                udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
            } catch (SocketTimeoutException e) {
                // poll again so close() ends the loop
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() {
        http.stop(0);
        udp.close();
    }
}
