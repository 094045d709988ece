package dev.vtool.engine;

import java.io.DataInputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A minimal SOCKS5 UDP client for tests: associate over TCP, then one datagram out and its answer back. */
final class SocksUdpClient implements AutoCloseable {
    private final Socket control = new Socket();
    private final DatagramSocket udp;
    private final InetSocketAddress relay;

    SocksUdpClient(int socksPort) throws Exception {
        control.connect(new InetSocketAddress("127.0.0.1", socksPort), 2000);
        control.setSoTimeout(3000);
        DataInputStream in = new DataInputStream(control.getInputStream());
        control.getOutputStream().write(new byte[] {5, 1, 0});
        byte[] method = new byte[2];
        in.readFully(method);
        control.getOutputStream().write(new byte[] {5, 3, 0, 1, 0, 0, 0, 0, 0, 0});
        byte[] reply = new byte[10];
        in.readFully(reply);
        if (reply[1] != 0) {
            throw new AssertionError("UDP ASSOCIATE refused: " + reply[1]);
        }
        relay = new InetSocketAddress("127.0.0.1", ((reply[8] & 0xFF) << 8) | (reply[9] & 0xFF));
        udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
        udp.setSoTimeout(3000);
    }

    int relayPort() {
        return relay.getPort();
    }

    /** Sends {@code text} to 127.0.0.1:port through the proxy; returns the answer's source port and text. */
    String[] roundTrip(int port, String text) throws Exception {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        ByteBuffer req = ByteBuffer.allocate(10 + payload.length);
        req.put(new byte[] {0, 0, 0, 1}).put(InetAddress.getLoopbackAddress().getAddress())
                .putShort((short) port).put(payload);
        udp.send(new DatagramPacket(req.array(), req.capacity(), relay));
        byte[] buf = new byte[2048];
        DatagramPacket answer = new DatagramPacket(buf, buf.length);
        udp.receive(answer);
        byte[] got = Arrays.copyOf(buf, answer.getLength());
        int from = ((got[8] & 0xFF) << 8) | (got[9] & 0xFF);
        return new String[] {String.valueOf(from), new String(got, 10, got.length - 10, StandardCharsets.UTF_8)};
    }

    @Override
    public void close() throws Exception {
        udp.close();
        control.close();
    }
}
