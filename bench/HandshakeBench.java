import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.RequestOptions;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.encoding.ClientSession;
import dev.vtool.engine.vmess.encoding.RequestTarget;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * VMess AEAD handshakes per second against a server whose inbound has USERS users (bench/run.sh writes
 * the same users into vtool's and v2ray's configs: user i is {@link #uuid(int)}) and whose outbound is a
 * blackhole, so a connection ends as soon as its header is accepted. Two traffic patterns (PATTERN):
 * {@code random}: each handshake picks a user at random, so a server that tries users one by one tries
 * half of them on average, whatever order it keeps; {@code busy}: every handshake comes from one user,
 * the last configured (a server that tries users in configuration order tries them all; one that tries
 * recently seen users first finds it at once). Headers are made before the clock starts (the client's KDF
 * work is not measured) and are all distinct (the replay filter).
 *
 * Usage: java -cp cli/target/vtool.jar bench/HandshakeBench.java PORT USERS HANDSHAKES [THREADS [PATTERN]]
 * Prints "handshakes N ok M seconds S rate R". Loopback only; every socket has a 10 s timeout.
 */
public final class HandshakeBench {
    public static String uuid(int i) {
        return String.format("00000000-0000-4000-8000-%012x", i + 1L);
    }

    public static void main(String[] args) throws Exception {
        int port = Integer.parseInt(args[0]);
        int users = Integer.parseInt(args[1]);
        int handshakes = Integer.parseInt(args[2]);
        int threads = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        boolean busy = args.length > 4 && args[4].equals("busy");
        VmessId[] ids = new VmessId[users];
        for (int i = 0; i < users; i++) {
            ids[i] = VmessId.parse(uuid(i));
        }
        Random pick = new Random(19);
        long now = System.currentTimeMillis() / 1000;
        byte[][] headers = new byte[handshakes][];
        for (int h = 0; h < handshakes; h++) {
            ClientSession session = new ClientSession(ids[busy ? users - 1 : pick.nextInt(users)], List.of(), VmessRandom.SYSTEM);
            headers[h] = session.encodeRequestHeader(RequestOptions.CHUNK_STREAM, SecurityType.AES_128_GCM,
                    RequestCommand.TCP, RequestTarget.of("127.0.0.1", 9), now);
        }
        AtomicInteger next = new AtomicInteger();
        AtomicInteger ok = new AtomicInteger();
        Thread[] workers = new Thread[threads];
        long start = System.nanoTime();
        for (int t = 0; t < threads; t++) {
            workers[t] = new Thread(() -> {
                byte[] sink = new byte[4096];
                for (int h; (h = next.getAndIncrement()) < handshakes; ) {
                    try (Socket s = new Socket()) {
                        s.connect(new InetSocketAddress("127.0.0.1", port), 10_000);
                        s.setSoTimeout(10_000);
                        s.getOutputStream().write(headers[h]);
                        InputStream in = s.getInputStream();
                        while (in.read(sink) >= 0) {
                            // the response (if any) until the server closes: accepted and routed
                        }
                        ok.incrementAndGet();
                    } catch (java.io.IOException e) {
                        // a timeout (the server drains a rejected header) or a reset: not counted
                    }
                }
            });
            workers[t].start();
        }
        for (Thread w : workers) {
            w.join();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("handshakes %d ok %d seconds %.2f rate %.0f%n", handshakes, ok.get(), seconds,
                ok.get() / seconds);
    }
}
