package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.LogLevel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code allocate: random}: {@code concurrency} ports of the range at a time, a new set every refresh
 * period, each set closed two periods after it opened (4.34's dynamic inbound). "A minute" is shortened to
 * 400 ms here; nothing else differs from a real run.
 */
@ExtendWith(LeakCheck.class)
class RandomAllocationTest {
    private static final int SIZE = 20;

    @AfterEach
    void restoreMinute() {
        RandomPorts.minute = Duration.ofMinutes(1);
    }

    /** A run of SIZE loopback ports that are free right now (checked by binding each). */
    private static int freeRange() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int base = 20_000 + ThreadLocalRandom.current().nextInt(30_000);
            boolean free = true;
            for (int p = base; p < base + SIZE && free; p++) {
                try (ServerSocket s = new ServerSocket()) {
                    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), p));
                } catch (IOException used) {
                    free = false;
                }
            }
            if (free) {
                return base;
            }
        }
        throw new IOException("no free range of " + SIZE + " ports found");
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Test
    void listensOnConcurrencyRandomPortsAndRotatesThem() throws Exception {
        RandomPorts.minute = Duration.ofMillis(400);
        int base = freeRange();
        try (EngineHarness vtool = new EngineHarness("""
                {"inbounds": [{"tag": "dyn", "listen": "127.0.0.1", "port": "%d-%d", "protocol": "socks",
                               "allocate": {"strategy": "random", "refresh": 1, "concurrency": 3}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(base, base + SIZE - 1), LogLevel.WARNING)) {
            Set<Integer> first = vtool.engine.randomPorts("dyn");
            assertEquals(3, first.size(), "concurrency ports at once: " + first);
            for (int p : first) {
                assertTrue(p >= base && p < base + SIZE, p + " is outside the range");
                assertTrue(accepts(p), "listens on " + p);
            }
            Set<Integer> seen = new HashSet<>(first);
            long deadline = System.nanoTime() + Duration.ofSeconds(8).toNanos();
            boolean firstGone = false;
            while (System.nanoTime() < deadline && !firstGone) {
                Set<Integer> now = vtool.engine.randomPorts("dyn");
                assertTrue(now.size() <= 6, "at most two sets overlap: " + now);
                seen.addAll(now);
                // a later set may pick a freed port again, so one port of the first set gone is the sign
                firstGone = !now.containsAll(first);
                Thread.sleep(50);
            }
            assertTrue(firstGone, "the first set is closed after two refresh periods");
            assertTrue(vtool.engine.randomPorts("dyn").size() >= 3, "a set is always open");
            assertTrue(seen.size() > 3, "new ports were opened: " + seen);
            for (int p : first) {
                if (!vtool.engine.randomPorts("dyn").contains(p)) {
                    assertTrue(!accepts(p) || vtool.engine.randomPorts("dyn").contains(p), "closed port " + p);
                }
            }
        }
    }

    @Test
    void concurrencyMustLeaveAPortFreeAsIn434() {
        ConfigModelException e = assertThrows(ConfigModelException.class, () -> EngineHarness.config("""
                {"inbounds": [{"port": "30000-30002", "listen": "127.0.0.1", "protocol": "socks",
                               "allocate": {"strategy": "random", "concurrency": 3}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """));
        assertTrue(e.getMessage().contains("not enough ports. concurrency = 3 ports: 30000 - 30002"), e.getMessage());
    }
}
