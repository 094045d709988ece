package dev.vtool.engine.testkit;

import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Arrays;

/** A minimal SOCKS5 UDP ASSOCIATE client for loopback tests (IPv4 destinations only). */
public final class Socks5Udp implements AutoCloseable {
    private final Socket control;
    private final DatagramSocket udp;
    private final InetSocketAddress relay;

    public Socks5Udp(int socksPort) throws Exception {
        control = new Socket("127.0.0.1", socksPort);
        control.setSoTimeout(5000);
        OutputStream out = control.getOutputStream();
        DataInputStream in = new DataInputStream(control.getInputStream());
        out.write(new byte[] {5, 1, 0});
        byte[] method = new byte[2];
        in.readFully(method);
        udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        udp.setSoTimeout(5000);
        int lp = udp.getLocalPort();
        out.write(new byte[] {5, 3, 0, 1, 127, 0, 0, 1, (byte) (lp >> 8), (byte) lp});
        byte[] head = new byte[4];
        in.readFully(head);
        if (head[1] != 0 || head[3] != 1) {
            throw new IllegalStateException("UDP ASSOCIATE refused: " + Arrays.toString(head));
        }
        byte[] addr = new byte[4];
        in.readFully(addr);
        int port = in.readUnsignedShort();
        InetAddress ip = InetAddress.getByAddress(addr);
        relay = new InetSocketAddress(ip.isAnyLocalAddress() ? InetAddress.getLoopbackAddress() : ip, port);
    }

    /** Sends one datagram to 127.0.0.1:port through the proxy and returns the first answer's payload. */
    public byte[] exchange(int port, byte[] payload) throws Exception {
        byte[] d = new byte[10 + payload.length];
        d[3] = 1;
        d[4] = 127;
        d[7] = 1;
        d[8] = (byte) (port >> 8);
        d[9] = (byte) port;
        System.arraycopy(payload, 0, d, 10, payload.length);
        udp.send(new DatagramPacket(d, d.length, relay));
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        udp.receive(p);
        return Arrays.copyOfRange(buf, 10, p.getLength());
    }

    @Override
    public void close() throws java.io.IOException {
        udp.close();
        control.close();
    }
}
