package dev.vtool.engine.testkit;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ServerSocket;
import java.net.Socket;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Random;

/**
 * A TCP origin for checking bytes in both directions: it reads a 4-byte length and that many bytes, then
 * sends a fixed blob followed by the SHA-256 of what it read, and closes. (No half-close: 4.34's freedom
 * never passes the client's end of input on to the origin.) {@link #exchange} plays the client
 * through a SOCKS5 proxy and checks both.
 */
public final class TwoWayOrigin implements AutoCloseable {
    private final ServerSocket server;
    private final byte[] blob;
    private final Thread acceptor;

    public TwoWayOrigin(int blobSize) throws IOException {
        blob = new byte[blobSize];
        new Random(7).nextBytes(blob);
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(this::acceptLoop, "two-way-origin");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                Thread t = new Thread(() -> serve(s), "two-way-origin-conn");
                t.setDaemon(true);
                t.start();
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket s) {
        try (s) {
            s.setSoTimeout(30_000);
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.io.DataInputStream in = new java.io.DataInputStream(s.getInputStream());
            int left = in.readInt();
            byte[] buf = new byte[64 * 1024];
            while (left > 0) {
                int r = in.read(buf, 0, Math.min(buf.length, left));
                if (r < 0) {
                    return;
                }
                md.update(buf, 0, r);
                left -= r;
            }
            OutputStream out = s.getOutputStream();
            out.write(blob);
            out.write(md.digest());
            out.flush();
        } catch (IOException | NoSuchAlgorithmException e) {
            // the client sees a short answer and fails its check
        }
    }

    /** Sends {@code upload} through the proxy and checks the answer; returns a failure text or null. */
    public String exchange(int socksPort, byte[] upload, int timeoutMillis) throws Exception {
        try (Socket s = new Socket(new Proxy(Proxy.Type.SOCKS, new InetSocketAddress("127.0.0.1", socksPort)))) {
            s.setSoTimeout(timeoutMillis);
            s.connect(new InetSocketAddress("127.0.0.1", port()), timeoutMillis);
            Thread writer = new Thread(() -> {
                try {
                    java.io.DataOutputStream out = new java.io.DataOutputStream(s.getOutputStream());
                    out.writeInt(upload.length);
                    out.write(upload);
                    out.flush();
                } catch (IOException e) {
                    // the read side reports what went wrong
                }
            }, "two-way-upload");
            writer.start();
            ByteArrayOutputStream got = new ByteArrayOutputStream();
            s.getInputStream().transferTo(got);
            writer.join(timeoutMillis);
            byte[] all = got.toByteArray();
            if (all.length != blob.length + 32) {
                return "downloaded " + all.length + " bytes, expected " + (blob.length + 32);
            }
            if (!Arrays.equals(Arrays.copyOf(all, blob.length), blob)) {
                return "downloaded bytes differ";
            }
            byte[] theirs = Arrays.copyOfRange(all, blob.length, all.length);
            if (!Arrays.equals(theirs, MessageDigest.getInstance("SHA-256").digest(upload))) {
                return "uploaded bytes arrived changed";
            }
            return null;
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
