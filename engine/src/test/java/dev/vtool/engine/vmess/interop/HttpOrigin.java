package dev.vtool.engine.vmess.interop;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.util.Random;

/** A loopback HTTP server with one random blob of known SHA-256 at {@code /blob}. */
final class HttpOrigin implements AutoCloseable {
    private final HttpServer server;
    private final byte[] blob;
    private final byte[] sha256;

    HttpOrigin(int size) throws Exception {
        blob = new byte[size];
        new Random(size).nextBytes(blob);
        sha256 = MessageDigest.getInstance("SHA-256").digest(blob);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.createContext("/blob", ex -> {
            ex.sendResponseHeaders(200, blob.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(blob);
            } catch (IOException ignored) {
                // client went away
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    String url() {
        return "http://127.0.0.1:" + port() + "/blob";
    }

    byte[] sha256() {
        return sha256.clone();
    }

    int size() {
        return blob.length;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
