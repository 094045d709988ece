package dev.vtool.cli.api;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;

/** One SOCKS5 CONNECT (no auth) to 127.0.0.1:port: sends {@code up} bytes, reads until EOF; returns the bytes read. */
final class Socks5Exchange {
    private Socks5Exchange() {
    }

    static long run(int socksPort, int targetPort, int up) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), socksPort), 5_000);
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            DataInputStream in = new DataInputStream(s.getInputStream());
            out.write(new byte[] {5, 1, 0});
            out.flush();
            byte[] method = new byte[2];
            in.readFully(method);
            if (method[0] != 5 || method[1] != 0) {
                throw new IOException("socks greeting refused");
            }
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (targetPort >> 8), (byte) targetPort});
            out.flush();
            byte[] reply = new byte[10];
            in.readFully(reply);
            if (reply[1] != 0) {
                throw new IOException("socks connect refused: " + reply[1]);
            }
            byte[] chunk = new byte[8192];
            try {
                for (int sent = 0; sent < up; sent += chunk.length) {
                    out.write(chunk, 0, Math.min(chunk.length, up - sent));
                }
                out.flush();
            } catch (java.net.SocketException e) {
                return 0; // the far side refused the stream (e.g. an unknown VMess user) and reset it
            }
            long got = 0;
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    got += n;
                }
            } catch (java.net.SocketException | java.net.SocketTimeoutException e) {
                // reset or stalled: what arrived is the answer
            }
            return got;
        }
    }
}
