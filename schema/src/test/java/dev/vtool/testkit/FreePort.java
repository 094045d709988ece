package dev.vtool.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free loopback TCP ports for tests (asks the kernel; there is a small race, as always). */
public final class FreePort {
    private FreePort() {
    }

    public static int next() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A loopback port free for UDP (and, at that moment, for TCP too): for mKCP and QUIC listeners. */
    public static int nextUdp() {
        for (int attempt = 0; attempt < 20; attempt++) {
            int port;
            try (java.net.DatagramSocket d = new java.net.DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                port = d.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            try (ServerSocket s = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                return port;
            } catch (IOException inUseForTcp) {
                // try another
            }
        }
        throw new IllegalStateException("no loopback port free for both UDP and TCP after 20 attempts");
    }
}
