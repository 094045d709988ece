package dev.vtool.engine.testkit;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;

/** A loopback UDP echo server on its own thread. */
public final class UdpEcho implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;

    public UdpEcho() throws Exception {
        socket = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        thread = new Thread(() -> {
            byte[] buf = new byte[65536];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    socket.send(new DatagramPacket(buf, p.getLength(), p.getSocketAddress()));
                } catch (Exception e) {
                    return;
                }
            }
        }, "udp-echo");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    @Override
    public void close() {
        socket.close();
    }
}
