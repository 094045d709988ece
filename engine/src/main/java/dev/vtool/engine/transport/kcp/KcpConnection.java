package dev.vtool.engine.transport.kcp;

import dev.vtool.engine.transport.PacketHeader;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * An mKCP session on an event loop: the {@link KcpSession} state, its clock, the tick that flushes it every
 * {@code tti} ms, and the datagram output (header, envelope, one segment per datagram). It outlives its
 * {@link KcpChannel}: after a local close it keeps sending until the peer has everything (or 15 s), then
 * TERMINATE for up to 8 s, as 4.34 does; then {@code onTerminated} releases the socket or the listener's entry.
 */
final class KcpConnection {
    private final EventLoop loop;
    private final KcpSession session;
    private final long start = System.nanoTime();
    private final Consumer<byte[]> datagrams;
    private final PacketHeader header;
    private final KcpEnvelope envelope;
    private final Runnable onTerminated;
    private ScheduledFuture<?> tick;
    private boolean flushQueued;
    private boolean terminated;
    private KcpChannel channel;

    KcpConnection(EventLoop loop, int conv, KcpParams params, PacketHeader header, KcpEnvelope envelope,
                  Consumer<byte[]> datagrams, Runnable onTerminated) {
        this.loop = loop;
        this.header = header;
        this.envelope = envelope;
        this.datagrams = datagrams;
        this.onTerminated = onTerminated;
        this.session = new KcpSession(conv, params, this::send);
        this.tick = loop.scheduleAtFixedRate(this::onTick, params.tti(), params.tti(), TimeUnit.MILLISECONDS);
    }

    void attach(KcpChannel channel) {
        this.channel = channel;
    }

    KcpSession session() {
        return session;
    }

    EventLoop loop() {
        return loop;
    }

    int now() {
        return (int) ((System.nanoTime() - start) / 1_000_000L);
    }

    boolean terminated() {
        return terminated;
    }

    private void send(KcpSegment segment) {
        byte[] sealed = envelope.seal(segment.bytes());
        byte[] h = header.next();
        if (h.length == 0) {
            datagrams.accept(sealed);
            return;
        }
        byte[] d = new byte[h.length + sealed.length];
        System.arraycopy(h, 0, d, 0, h.length);
        System.arraycopy(sealed, 0, d, h.length, sealed.length);
        datagrams.accept(d);
    }

    /** The segments of one datagram from the peer. */
    void input(List<KcpSegment> segments) {
        if (terminated) {
            return;
        }
        session.input(segments, now());
        afterChange();
        flushSoon();
    }

    /** Sends what is due in this loop turn rather than at the next tick (4.34 wakes its updater on writes). */
    void flushSoon() {
        if (!flushQueued && !terminated) {
            flushQueued = true;
            loop.execute(() -> {
                flushQueued = false;
                flush();
            });
        }
    }

    private void onTick() {
        flush();
    }

    private void flush() {
        if (terminated) {
            return;
        }
        session.flush(now());
        afterChange();
    }

    private void afterChange() {
        if (channel != null) {
            channel.sessionChanged();
        }
        if (session.state() == KcpSession.State.TERMINATED && !terminated) {
            terminated = true;
            tick.cancel(false);
            if (channel != null) {
                channel.close();
            }
            onTerminated.run();
        }
    }

    /** The local side is done (the channel closed). */
    void close() {
        if (!terminated) {
            session.close(now());
            flushSoon();
        }
    }

    /** Stops at once without telling the peer (the listener or the engine is shutting down). */
    void abort() {
        if (!terminated) {
            terminated = true;
            tick.cancel(false);
            onTerminated.run();
        }
    }
}
