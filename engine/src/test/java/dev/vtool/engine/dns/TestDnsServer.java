package dev.vtool.engine.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A tiny DNS server in the test: answers A queries for names in its table (after an optional delay),
 * NXDOMAIN for the rest (or nothing at all when silent), and records every question it got.
 */
public final class TestDnsServer implements AutoCloseable {
    private final DatagramSocket socket;
    private final Thread thread;
    private final Map<String, String> table;
    private final long delayMillis;
    private final boolean silent;
    public final List<String> questions = new CopyOnWriteArrayList<>();
    /** Whether each query carried an additional record (the EDNS0 client subnet), in order. */
    public final List<byte[]> raw = new CopyOnWriteArrayList<>();
    private volatile boolean running = true;

    public TestDnsServer(Map<String, String> table, long delayMillis, boolean silent) throws IOException {
        this.table = table;
        this.delayMillis = delayMillis;
        this.silent = silent;
        socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        socket.setSoTimeout(100);
        thread = new Thread(this::serve, "test-dns");
        thread.setDaemon(true);
        thread.start();
    }

    public int port() {
        return socket.getLocalPort();
    }

    private void serve() {
        byte[] buf = new byte[1500];
        while (running) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                return;
            }
            byte[] bytes = java.util.Arrays.copyOf(p.getData(), p.getLength());
            raw.add(bytes);
            ByteBuf in = Unpooled.wrappedBuffer(bytes);
            DnsWire.Query q = DnsWire.question(in);
            in.release();
            if (q == null) {
                continue;
            }
            String name = q.name().endsWith(".") ? q.name().substring(0, q.name().length() - 1) : q.name();
            questions.add((q.type() == DnsWire.TYPE_A ? "A " : q.type() == DnsWire.TYPE_AAAA ? "AAAA " : q.type() + " ")
                    + name);
            if (silent) {
                continue;
            }
            String ip = table.get(name);
            List<InetAddress> ips = ip != null && q.type() == DnsWire.TYPE_A ? List.of(DnsWire.ip(ip)) : List.of();
            ByteBuf out = DnsWire.answer(q.id(), q.name(), q.type(), ip == null ? 3 : 0, ips);
            byte[] answer = io.netty.buffer.ByteBufUtil.getBytes(out);
            out.release();
            InetSocketAddress to = (InetSocketAddress) p.getSocketAddress();
            Thread sender = new Thread(() -> {
                try {
                    Thread.sleep(delayMillis);
                    socket.send(new DatagramPacket(answer, answer.length, to));
                } catch (IOException | InterruptedException ignored) {
                    // the test is over
                }
            });
            sender.setDaemon(true);
            sender.start();
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        socket.close();
        thread.join(2000);
    }
}
