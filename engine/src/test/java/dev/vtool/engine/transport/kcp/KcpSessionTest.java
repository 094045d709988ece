package dev.vtool.engine.transport.kcp;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.transport.kcp.KcpSettings;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two mKCP sessions wired back to back through a link that drops, on a simulated clock: data arrives whole
 * and in order despite loss, and 4.34's close rules hold (the peer's close flag discards unsent data,
 * TERMINATE ends both sides, a silent peer is given up after 30 s).
 */
class KcpSessionTest {
    private static final KcpParams PARAMS = KcpParams.of(KcpSettings.DEFAULT, 0, 6);

    /** A link with loss; segments sent in one tick are delivered at the next. */
    private static final class Link {
        final Random random = new Random(7);
        final double loss;
        final List<KcpSegment> toA = new ArrayList<>();
        final List<KcpSegment> toB = new ArrayList<>();
        KcpSession a;
        KcpSession b;

        Link(double loss) {
            this.loss = loss;
            a = new KcpSession(9, PARAMS, s -> send(toB, s));
            b = new KcpSession(9, PARAMS, s -> send(toA, s));
        }

        private void send(List<KcpSegment> to, KcpSegment s) {
            if (random.nextDouble() >= loss) {
                // the wire: bytes and back, as a datagram would carry them
                byte[] bytes = s.bytes();
                to.add(KcpSegment.parseAll(bytes, 0, bytes.length).get(0));
            }
        }

        void tick(int now) {
            List<KcpSegment> forA = new ArrayList<>(toA);
            List<KcpSegment> forB = new ArrayList<>(toB);
            toA.clear();
            toB.clear();
            for (KcpSegment s : forA) {
                a.input(List.of(s), now);
            }
            for (KcpSegment s : forB) {
                b.input(List.of(s), now);
            }
            a.flush(now);
            b.flush(now);
        }
    }

    @Test
    void dataArrivesWholeAndInOrderThroughALossyLink() {
        Link link = new Link(0.2);
        byte[] data = new byte[300_000];
        new Random(3).nextBytes(data);
        int offset = 0;
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        for (int now = 0; now < 120_000 && got.size() < data.length; now += PARAMS.tti()) {
            while (offset < data.length && link.a.canSend()) {
                int n = Math.min(PARAMS.mss(), data.length - offset);
                link.a.send(java.util.Arrays.copyOfRange(data, offset, offset + n));
                offset += n;
            }
            link.tick(now);
            byte[] p;
            while ((p = link.b.poll()) != null) {
                got.writeBytes(p);
            }
        }
        assertArrayEquals(data, got.toByteArray());
    }

    @Test
    void thePeersCloseFlagDiscardsUnsentDataAndTerminateEndsBothSides() {
        Link link = new Link(0);
        link.tick(0);
        link.b.send(new byte[] {1, 2, 3});
        link.a.send(new byte[] {7}); // unacknowledged data keeps A in ReadyToClose
        link.a.close(10); // A is ReadyToClose: its segments carry the close flag
        assertTrue(link.a.readEnded(), "a closed side reads EOF at once");
        link.a.flush(20); // A's DATA carries the flag before B ever sends
        link.b.input(new ArrayList<>(link.toB), 30);
        link.toB.clear();
        assertEquals(KcpSession.State.PEER_CLOSED, link.b.state());
        assertTrue(link.b.writeClosed());
        assertTrue(link.b.sendQueueEmpty(), "4.34 drops what was queued when the peer closes");
        assertFalse(link.b.send(new byte[] {4}));
        int now = 40;
        for (; now < 30_000 && link.a.state() != KcpSession.State.TERMINATED; now += 50) {
            if (now == 1_000) {
                link.b.close(now); // PeerClosed -> Terminating
            }
            link.tick(now);
        }
        assertEquals(KcpSession.State.TERMINATED, link.a.state());
        for (int until = now + 10_000; now < until && link.b.state() != KcpSession.State.TERMINATED; now += 50) {
            link.tick(now);
        }
        assertEquals(KcpSession.State.TERMINATED, link.b.state());
    }

    @Test
    void aSilentPeerIsGivenUpAfterThirtySeconds() {
        List<KcpSegment> out = new ArrayList<>();
        KcpSession s = new KcpSession(1, PARAMS, out::add);
        s.flush(29_000);
        assertEquals(KcpSession.State.ACTIVE, s.state());
        s.flush(30_000);
        assertTrue(s.readEnded());
        for (int now = 30_050; now < 60_000 && s.state() != KcpSession.State.TERMINATED; now += 50) {
            s.flush(now);
        }
        assertEquals(KcpSession.State.TERMINATED, s.state(), "ReadyToClose -> Terminating -> Terminated after 8 s");
        assertTrue(out.stream().anyMatch(x -> x instanceof KcpSegment.Cmd c && c.command() == KcpSegment.CMD_TERMINATE));
    }

    @Test
    void dataOutsideTheReceiveWindowIsIgnored() {
        List<KcpSegment> out = new ArrayList<>();
        KcpSession s = new KcpSession(1, PARAMS, out::add);
        s.input(List.of(new KcpSegment.Data(1, 0, 0, PARAMS.recvInFlight(), 0, new byte[] {9})), 0);
        s.input(List.of(new KcpSegment.Data(2, 0, 0, 0, 0, new byte[] {9})), 0); // another conversation
        s.flush(10);
        assertEquals(null, s.poll());
        assertTrue(out.stream().noneMatch(x -> x instanceof KcpSegment.Ack), "nothing to acknowledge");
    }
}
