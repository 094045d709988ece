package dev.vtool.engine.transport.kcp;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * One mKCP connection's reliability state, as 4.34's Connection, SendingWorker and ReceivingWorker keep it:
 * the send window with retransmission timers, the receive window and its ack list, the round-trip estimate
 * and the close states. Not thread-safe: the owning channel drives it from its event loop, passing the
 * connection's millisecond clock. Segments to send go to {@code output}, one per datagram.
 */
final class KcpSession {
    enum State { ACTIVE, READY_TO_CLOSE, PEER_CLOSED, TERMINATING, PEER_TERMINATING, TERMINATED }

    private static final long U32 = 0xFFFFFFFFL;

    private final int conv;
    private final KcpParams params;
    private final Consumer<KcpSegment> output;

    private State state = State.ACTIVE;
    private int stateSince;
    private int lastIncoming;
    private int lastPing;

    // sending
    private final ArrayDeque<Outgoing> sendWindow = new ArrayDeque<>();
    private int nextNumber;
    private int firstUnacked;
    private boolean firstUnackedUpdated;
    private int remoteNextNumber = 32;
    private int controlWindow;
    private int totalInFlight;
    private boolean writeClosed;

    // receiving
    private final TreeMap<Long, byte[]> recvWindow = new TreeMap<>();
    private int recvNext;
    private final List<int[]> acks = new ArrayList<>(); // {number, timestamp, nextFlush}
    private boolean acksDirty;
    private boolean readClosed;

    // round trip
    private int srtt;
    private int variation;
    private int rto = 100;
    private int rttUpdated;

    private static final class Outgoing {
        final int number;
        final byte[] payload;
        int timeout;
        int transmit;

        Outgoing(int number, byte[] payload) {
            this.number = number;
            this.payload = payload;
        }
    }

    KcpSession(int conv, KcpParams params, Consumer<KcpSegment> output) {
        this.conv = conv;
        this.params = params;
        this.output = output;
        this.controlWindow = params.sendInFlight();
    }

    int conv() {
        return conv;
    }

    State state() {
        return state;
    }

    /** Whether the send window has room for another segment (4.34's Push refuses beyond the write buffer). */
    boolean canSend() {
        return !writeClosed && sendWindow.size() <= params.sendBuffer();
    }

    boolean writeClosed() {
        return writeClosed;
    }

    /** Queues one payload of at most {@code mss} bytes; false when writing is closed. */
    boolean send(byte[] payload) {
        if (writeClosed) {
            return false;
        }
        sendWindow.addLast(new Outgoing(nextNumber++, payload));
        return true;
    }

    boolean sendQueueEmpty() {
        return sendWindow.isEmpty();
    }

    /** Whether the reader would get EOF now (4.34's Read). */
    boolean readEnded() {
        return switch (state) {
            case READY_TO_CLOSE, TERMINATING, TERMINATED -> true;
            case PEER_TERMINATING -> !recvWindow.containsKey(recvNext & U32);
            default -> false;
        };
    }

    /** The next in-order payload, advancing the receive window, or null. */
    byte[] poll() {
        if (readClosed && state != State.PEER_TERMINATING) {
            return null;
        }
        byte[] p = recvWindow.remove(recvNext & U32);
        if (p != null) {
            recvNext++;
        }
        return p;
    }

    /** The local side closes (4.34's Close). */
    void close(int now) {
        switch (state) {
            case ACTIVE -> setState(State.READY_TO_CLOSE, now);
            case PEER_CLOSED -> setState(State.TERMINATING, now);
            case PEER_TERMINATING -> setState(State.TERMINATED, now);
            default -> { }
        }
    }

    private void setState(State s, int now) {
        state = s;
        stateSince = now;
        switch (s) {
            case READY_TO_CLOSE -> readClosed = true;
            case PEER_CLOSED, PEER_TERMINATING -> closeWrite();
            case TERMINATING, TERMINATED -> {
                readClosed = true;
                closeWrite();
            }
            default -> { }
        }
    }

    /** 4.34 discards the unsent data when the peer closes: writes fail from then on. */
    private void closeWrite() {
        writeClosed = true;
        sendWindow.clear();
    }

    private void peerClosed(int now) {
        if (state == State.READY_TO_CLOSE) {
            setState(State.TERMINATING, now);
        } else if (state == State.ACTIVE) {
            setState(State.PEER_CLOSED, now);
        }
    }

    /** The segments of one datagram, in order; processing stops at a segment of another conversation. */
    void input(List<KcpSegment> segments, int now) {
        lastIncoming = now;
        for (KcpSegment seg : segments) {
            if (seg.conv() != conv) {
                break;
            }
            if ((seg.option() & KcpSegment.OPTION_CLOSE) != 0) {
                peerClosed(now);
            }
            if (seg instanceof KcpSegment.Data d) {
                receive(d);
            } else if (seg instanceof KcpSegment.Ack a) {
                acknowledged(a, now);
            } else if (seg instanceof KcpSegment.Cmd c) {
                command(c, now);
            }
        }
    }

    private void command(KcpSegment.Cmd c, int now) {
        if (c.command() == KcpSegment.CMD_TERMINATE) {
            switch (state) {
                case ACTIVE, PEER_CLOSED -> setState(State.PEER_TERMINATING, now);
                case READY_TO_CLOSE -> setState(State.TERMINATING, now);
                case TERMINATING -> setState(State.TERMINATED, now);
                default -> { }
            }
        }
        clearSendWindow(c.receivingNext());
        clearAcks(c.sendingNext());
        if (now - rttUpdated >= 3000) {
            rttUpdated = now;
            rto = c.peerRto();
        }
    }

    private void receive(KcpSegment.Data d) {
        if (Integer.toUnsignedLong(d.number() - recvNext) >= params.recvInFlight()) {
            return;
        }
        clearAcks(d.sendingNext());
        acks.add(new int[] {d.number(), d.timestamp(), 0});
        acksDirty = true;
        recvWindow.putIfAbsent(d.number() & U32, d.payload());
    }

    private void clearAcks(int una) {
        // 4.34 compares these as plain uint32 numbers
        boolean removed = acks.removeIf(a -> Integer.compareUnsigned(a[0], una) < 0);
        if (removed) {
            acksDirty = true;
        }
    }

    private void acknowledged(KcpSegment.Ack a, int now) {
        if (Integer.compareUnsigned(remoteNextNumber, a.receivingWindow()) < 0) {
            remoteNextNumber = a.receivingWindow();
        }
        clearSendWindow(a.receivingNext());
        if (a.numbers().length == 0) {
            return;
        }
        int maxAck = 0;
        boolean maxAckRemoved = false;
        for (int n : a.numbers()) {
            boolean removed = removeAcked(n);
            if (Integer.compareUnsigned(maxAck, n) < 0) {
                maxAck = n;
                maxAckRemoved = removed;
            }
        }
        if (maxAckRemoved) {
            for (Outgoing o : sendWindow) { // fast retransmit of everything sent before the newest ack
                if (o.number == maxAck || Integer.toUnsignedLong(maxAck - o.number) > 0x7FFFFFFFL) {
                    break;
                }
                if (o.transmit > 0 && Integer.compareUnsigned(o.timeout, rto / 3) > 0) {
                    o.timeout -= rto / 3;
                }
            }
            if (Integer.toUnsignedLong(now - a.timestamp()) < 10000) {
                updateRtt(now - a.timestamp(), now);
            }
        }
    }

    private boolean removeAcked(int number) {
        if (Integer.toUnsignedLong(number - firstUnacked) > 0x7FFFFFFFL
                || Integer.toUnsignedLong(number - nextNumber) < 0x7FFFFFFFL) {
            return false;
        }
        for (Iterator<Outgoing> it = sendWindow.iterator(); it.hasNext(); ) {
            Outgoing o = it.next();
            if (Integer.compareUnsigned(o.number, number) > 0) {
                return false;
            }
            if (o.number == number) {
                it.remove();
                if (totalInFlight > 0) {
                    totalInFlight--;
                }
                findFirstUnacked();
                return true;
            }
        }
        return false;
    }

    private void clearSendWindow(int una) {
        while (!sendWindow.isEmpty() && Integer.compareUnsigned(sendWindow.peekFirst().number, una) < 0) {
            sendWindow.pollFirst();
        }
        findFirstUnacked();
    }

    private void findFirstUnacked() {
        int first = firstUnacked;
        firstUnacked = sendWindow.isEmpty() ? nextNumber : sendWindow.peekFirst().number;
        if (first != firstUnacked) {
            firstUnackedUpdated = true;
        }
    }

    private void updateRtt(int rtt, int now) {
        if (Integer.toUnsignedLong(rtt) > 0x7FFFFFFFL) {
            return;
        }
        if (srtt == 0) {
            srtt = rtt;
            variation = rtt / 2;
        } else {
            int delta = Math.abs(rtt - srtt);
            variation = (3 * variation + delta) / 4;
            srtt = Math.max(params.tti(), (7 * srtt + rtt) / 8);
        }
        int r = params.tti() < 4 * variation ? srtt + 4 * variation : srtt + variation;
        rto = Math.min(r, 10000) * 5 / 4;
        rttUpdated = now;
    }

    /** Whether the data timer has work: unacknowledged data or acks to send. */
    boolean busy() {
        return !sendWindow.isEmpty() || !acks.isEmpty() || acksDirty;
    }

    /** One tick of 4.34's flush: timeouts and close states, acks, due segments, pings. */
    void flush(int now) {
        if (state == State.TERMINATED) {
            return;
        }
        if (state == State.ACTIVE && now - lastIncoming >= 30000) {
            close(now);
        }
        if (state == State.READY_TO_CLOSE && sendWindow.isEmpty()) {
            setState(State.TERMINATING, now);
        }
        if (state == State.TERMINATING) {
            ping(now, KcpSegment.CMD_TERMINATE);
            if (now - stateSince > 8000) {
                setState(State.TERMINATED, now);
            }
            return;
        }
        if (state == State.PEER_TERMINATING && now - stateSince > 4000) {
            setState(State.TERMINATING, now);
        }
        if (state == State.READY_TO_CLOSE && now - stateSince > 15000) {
            setState(State.TERMINATING, now);
        }
        flushAcks(now);
        flushData(now);
        if (now - lastPing >= 3000) {
            ping(now, KcpSegment.CMD_PING);
        }
    }

    private int option() {
        return state == State.READY_TO_CLOSE ? KcpSegment.OPTION_CLOSE : 0;
    }

    private void flushAcks(int now) {
        List<Integer> due = new ArrayList<>();
        List<Integer> candidates = new ArrayList<>();
        int timestamp = 0;
        int timeout = Math.max(rto / 2, 20);
        for (int[] a : acks) {
            if (Integer.compareUnsigned(a[2], now) > 0) {
                if (candidates.size() < KcpSegment.ACK_LIMIT) {
                    candidates.add(a[0]);
                }
                continue;
            }
            due.add(a[0]);
            if (Integer.toUnsignedLong(a[1] - timestamp) < 0x7FFFFFFFL) {
                timestamp = a[1];
            }
            a[2] = now + timeout;
            if (due.size() == KcpSegment.ACK_LIMIT) {
                writeAck(due, timestamp);
                due.clear();
                timestamp = 0;
                acksDirty = false;
            }
        }
        if (acksDirty || !due.isEmpty()) {
            for (int n : candidates) {
                if (due.size() == KcpSegment.ACK_LIMIT) {
                    break;
                }
                due.add(n);
            }
            writeAck(due, timestamp);
            acksDirty = false;
        }
    }

    private void writeAck(List<Integer> numbers, int timestamp) {
        int[] n = numbers.stream().mapToInt(Integer::intValue).toArray();
        output.accept(new KcpSegment.Ack(conv, option(), recvNext + params.recvInFlight(), recvNext, timestamp, n));
    }

    private void flushData(int now) {
        if (!sendWindow.isEmpty()) {
            long cwnd = params.sendInFlight();
            long room = Integer.toUnsignedLong(remoteNextNumber - firstUnacked);
            cwnd = Math.min(cwnd, room);
            if (params.congestion()) {
                cwnd = Math.min(cwnd, controlWindow);
            }
            cwnd *= 20; // 4.34's "magic" factor
            int lost = 0;
            int sent = 0;
            for (Outgoing o : sendWindow) {
                if (sent >= cwnd) {
                    break;
                }
                if (Integer.toUnsignedLong(now - o.timeout) >= 0x7FFFFFFFL) {
                    continue; // not due yet
                }
                if (o.transmit == 0) {
                    totalInFlight++;
                } else {
                    lost++;
                }
                o.timeout = now + rto;
                o.transmit++;
                output.accept(new KcpSegment.Data(conv, option(), now, o.number, firstUnacked, o.payload));
                sent++;
            }
            if (params.congestion() && sent > 0 && totalInFlight != 0) {
                onPacketLoss(lost * 100 / totalInFlight);
            }
            firstUnackedUpdated = false;
        }
        boolean updated = firstUnackedUpdated;
        firstUnackedUpdated = false;
        if (updated) {
            ping(now, KcpSegment.CMD_PING);
        }
    }

    private void onPacketLoss(int lossRate) {
        if (rto == 0) {
            return;
        }
        if (lossRate >= 15) {
            controlWindow = 3 * controlWindow / 4;
        } else if (lossRate <= 5) {
            controlWindow += controlWindow / 4;
        }
        controlWindow = Math.max(16, Math.min(controlWindow, 2 * params.sendInFlight()));
    }

    private void ping(int now, int command) {
        output.accept(new KcpSegment.Cmd(conv, command, option(), firstUnacked, recvNext, rto));
        lastPing = now;
    }
}
