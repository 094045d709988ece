package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import io.netty.buffer.PooledByteBufAllocator;
import java.io.DataInputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A fast client writing into a proxied connection whose target never reads: the engine must stop
 * reading from the client (bufferSize back-pressure) instead of buffering everything in memory. Once the
 * client leaves, the stuck outbound is closed after a short linger: before that fix its queued buffers
 * were never released and the leak check after this class failed.
 */
@ExtendWith(LeakCheck.class)
class BackPressureTest {
    private static long pooledBytes() {
        var m = PooledByteBufAllocator.DEFAULT.metric();
        return m.usedDirectMemory() + m.usedHeapMemory();
    }

    /** Whether a socket connected to 127.0.0.1:port (the engine's outbound) is still ESTABLISHED (Linux). */
    private static boolean outboundEstablished(int port) throws java.io.IOException {
        String hexPort = String.format(":%04X", port);
        for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
            java.nio.file.Path tcp = java.nio.file.Path.of(table);
            if (!java.nio.file.Files.exists(tcp)) {
                continue;
            }
            for (String line : java.nio.file.Files.readAllLines(tcp)) {
                String[] f = line.trim().split("\\s+");
                if (f.length > 3 && f[2].endsWith(hexPort) && f[3].equals("01")) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void aTargetThatNeverReadsStallsTheClientAndBoundsBufferedBytes() throws Exception {
        int port = FreePort.next();
        try (ServerSocket stuck = new ServerSocket()) {
            stuck.setReceiveBufferSize(64 * 1024);
            stuck.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            Thread acceptor = new Thread(() -> {
                try {
                    Socket s = stuck.accept(); // accepted, never read; closed with the server socket
                    s.setReceiveBufferSize(64 * 1024);
                } catch (Exception closed) {
                    // end of test
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            try (EngineHarness vtool = new EngineHarness("""
                    {"policy": {"levels": {"0": {"bufferSize": 64, "connIdle": 3}}},
                     "inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                     "outbounds": [{"protocol": "freedom"}]}
                    """.formatted(port));
                 Socket client = new Socket()) {
                client.setSendBufferSize(64 * 1024);
                client.connect(new InetSocketAddress("127.0.0.1", port), 2000);
                client.setSoTimeout(3000);
                OutputStream out = client.getOutputStream();
                DataInputStream in = new DataInputStream(client.getInputStream());
                out.write(new byte[] {5, 1, 0});
                in.readFully(new byte[2]);
                int target = stuck.getLocalPort();
                out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (target >>> 8), (byte) target});
                in.readFully(new byte[10]);
                long before = pooledBytes();
                AtomicLong written = new AtomicLong();
                Thread writer = new Thread(() -> {
                    byte[] chunk = new byte[64 * 1024];
                    try {
                        for (int i = 0; i < 1024; i++) { // up to 64 MiB
                            out.write(chunk);
                            written.addAndGet(chunk.length);
                        }
                    } catch (Exception closed) {
                        // the test closes the socket
                    }
                });
                writer.setDaemon(true);
                writer.start();
                Thread.sleep(2000);
                long stalledAt = written.get();
                long buffered = pooledBytes() - before;
                assertTrue(writer.isAlive(), "all 64 MiB went through a target that never reads");
                assertTrue(stalledAt < 24L * 1024 * 1024, "client wrote " + stalledAt + " bytes before it stalled");
                assertTrue(buffered < 8L * 1024 * 1024, "the engine holds " + buffered + " bytes for one connection");
                System.out.printf("back-pressure: client stalled after %d KiB; pooled memory grew by %d KiB%n",
                        stalledAt / 1024, buffered / 1024);
                // nothing moves, so connIdle (3 s) ends the relay; it must then give up the stuck outbound
                // (and its queued buffers) within its 2 s linger instead of waiting for a flush forever
                Thread.sleep(4500);
                assertTrue(!outboundEstablished(target), "the outbound to a never-reading target is still open");
            }
        }
    }
}
