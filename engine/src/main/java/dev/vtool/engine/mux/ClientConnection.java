package dev.vtool.engine.mux;

import dev.vtool.engine.Link;
import dev.vtool.engine.log.EngineLog;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.concurrent.TimeUnit;

/**
 * A client carrier: session ids 1, 2, 3, … never reused; New and KeepAlive from the server are ignored;
 * closed after an idle check finds it without sessions. The wrapped outbound connects it by relaying to
 * {@link #carrierLink()}.
 */
final class ClientConnection extends MuxConnection {
    private final int concurrency;
    private int lastId;

    ClientConnection(EventLoop loop, EngineLog log, int concurrency) {
        super(loop, log, 0);
        this.concurrency = concurrency;
        scheduleIdleCheck();
    }

    int nextId() {
        return ++lastId;
    }

    boolean full() {
        return isClosed() || inputDone() || sessions.size() >= concurrency || lastId >= MuxClient.MAX_SESSIONS_PER_CARRIER;
    }

    private void scheduleIdleCheck() {
        loop.schedule(() -> {
            if (isClosed()) {
                return;
            }
            if (sessions.isEmpty()) {
                close();
                return;
            }
            scheduleIdleCheck();
        }, MuxClient.IDLE_CHECK_SECONDS, TimeUnit.SECONDS);
    }

    @Override
    void opened(MuxFrame frame) {
        if (frame.data() != null) {
            frame.data().release();
        }
    }

    /** What the wrapped outbound relays its connection to: the carrier's channel, plain payload both ways. */
    Link carrierLink() {
        return new Link() {
            @Override
            public EventLoop eventLoop() {
                return loop;
            }

            @Override
            public void relayTo(Channel outbound) {
                if (!loop.inEventLoop()) {
                    loop.execute(() -> relayTo(outbound));
                    return;
                }
                if (isClosed()) {
                    outbound.close();
                    return;
                }
                connect(outbound);
                outbound.config().setAutoRead(true);
            }

            @Override
            public void respondAndClose(ByteBuf raw) {
                raw.release();
                close();
            }

            @Override
            public void close() {
                if (!loop.inEventLoop()) {
                    loop.execute(this::close);
                    return;
                }
                log.info(0, "common/mux", "failed to handler mux client connection");
                ClientConnection.this.close();
            }
        };
    }
}
