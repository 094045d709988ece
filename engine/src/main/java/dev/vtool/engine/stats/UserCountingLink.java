package dev.vtool.engine.stats;

import dev.vtool.engine.Link;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A link whose payload counts for its user (4.34 counts what the dispatcher's link carries): the counter
 * goes at the end of the outbound channel's pipeline, after the outbound's codec, so what the relay
 * writes there is the user's uplink and what it reads there the downlink.
 */
public final class UserCountingLink implements Link {
    private final Link link;
    private final TrafficCounter counter;

    /** @param counter reads counted as downlink, writes as uplink */
    public UserCountingLink(Link link, TrafficCounter counter) {
        this.link = link;
        this.counter = counter;
    }

    @Override
    public EventLoop eventLoop() {
        return link.eventLoop();
    }

    @Override
    public void relayTo(Channel outbound) {
        outbound.pipeline().addLast("vtool-user-stats", counter);
        link.relayTo(outbound);
    }

    @Override
    public void respondAndClose(ByteBuf raw) {
        link.respondAndClose(raw);
    }

    @Override
    public void close() {
        link.close();
    }

    @Override
    public void peek(int maxBytes, long waitMillis, Predicate<ByteBuf> enough, Consumer<ByteBuf> done) {
        link.peek(maxBytes, waitMillis, enough, done);
    }
}
