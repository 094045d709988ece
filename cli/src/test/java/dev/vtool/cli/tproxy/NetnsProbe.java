package dev.vtool.cli.tproxy;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;

/**
 * Runs inside the test's network namespace (a JVM of its own, started with {@code ip netns exec}): echo
 * servers on 127.0.0.1 (TCP and UDP), then a client that sends to addresses that exist nowhere
 * (198.51.100.7) and which iptables hands to the proxy. Prints one line per check:
 * {@code OK tcp 198.51.100.7:80 <echo>} or {@code OK udp 198.51.100.7:53 <echo> from <answer's source>},
 * else {@code FAIL ...}; exits 0 when every check passed. Every wait is bounded.
 *
 * <p>Arguments: {@code TCP_ECHO_PORT UDP_ECHO_PORT CHECK...}, a check being {@code tcp:IP:PORT} or
 * {@code udp:IP:PORT}.
 */
public final class NetnsProbe {
    private static final long READY_MILLIS = 60_000;

    public static void main(String[] args) throws Exception {
        ServerSocket tcpEcho = new ServerSocket(Integer.parseInt(args[0]), 50, InetAddress.getByName("127.0.0.1"));
        DatagramSocket udpEcho = new DatagramSocket(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])));
        daemon(() -> tcpEcho(tcpEcho));
        daemon(() -> udpEcho(udpEcho));
        boolean all = true;
        for (int i = 2; i < args.length; i++) {
            String[] c = args[i].split(":");
            InetSocketAddress to = new InetSocketAddress(InetAddress.getByName(c[1]), Integer.parseInt(c[2]));
            String line = c[0].equals("tcp") ? tcp(to) : udp(to);
            all &= line.startsWith("OK");
            System.out.println(line);
        }
        System.exit(all ? 0 : 1);
    }

    /** Connects until the proxy answers (it may still be starting), then one echo round trip. */
    private static String tcp(InetSocketAddress to) throws Exception {
        long deadline = System.currentTimeMillis() + READY_MILLIS;
        String last = "never tried";
        while (System.currentTimeMillis() < deadline) {
            String payload = "hello " + to.getPort() + " " + System.nanoTime();
            try (Socket s = new Socket()) {
                s.connect(to, 2000);
                s.setSoTimeout(3000);
                s.getOutputStream().write(payload.getBytes(StandardCharsets.UTF_8));
                s.shutdownOutput();
                String back = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                if (back.equals(payload)) {
                    return "OK tcp " + hostPort(to) + " " + back.length() + " bytes echoed";
                }
                last = "echo was \"" + back + "\"";
            } catch (java.io.IOException e) {
                last = e.toString();
            }
            Thread.sleep(200);
        }
        return "FAIL tcp " + hostPort(to) + " " + last;
    }

    /** Sends until an answer comes; the answer's source must be the address the datagram was sent to. */
    private static String udp(InetSocketAddress to) throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            s.setSoTimeout(1000);
            String last = "no answer";
            for (int i = 0; i < 30; i++) {
                byte[] payload = ("ping " + i).getBytes(StandardCharsets.UTF_8);
                s.send(new DatagramPacket(payload, payload.length, to));
                DatagramPacket back = new DatagramPacket(new byte[2048], 2048);
                try {
                    s.receive(back);
                } catch (SocketTimeoutException e) {
                    continue;
                }
                String text = new String(back.getData(), 0, back.getLength(), StandardCharsets.UTF_8);
                InetSocketAddress from = (InetSocketAddress) back.getSocketAddress();
                if (text.equals("ping " + i) && from.equals(to)) {
                    return "OK udp " + hostPort(to) + " echoed from " + hostPort(from);
                }
                last = "answer \"" + text + "\" from " + hostPort(from);
            }
            return "FAIL udp " + hostPort(to) + " " + last;
        }
    }

    private static void tcpEcho(ServerSocket server) {
        while (true) {
            try {
                Socket c = server.accept();
                daemon(() -> {
                    try (c; InputStream in = c.getInputStream(); OutputStream out = c.getOutputStream()) {
                        in.transferTo(out);
                    } catch (java.io.IOException ignored) {
                        // the client went away
                    }
                });
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static void udpEcho(DatagramSocket s) {
        byte[] buf = new byte[2048];
        while (true) {
            try {
                DatagramPacket p = new DatagramPacket(buf, buf.length);
                s.receive(p);
                s.send(new DatagramPacket(p.getData(), p.getLength(), p.getSocketAddress()));
            } catch (java.io.IOException e) {
                return;
            }
        }
    }

    private static String hostPort(InetSocketAddress a) {
        return a.getAddress().getHostAddress() + ":" + a.getPort();
    }

    private static void daemon(Runnable r) {
        Thread t = new Thread(r);
        t.setDaemon(true);
        t.start();
    }
}
