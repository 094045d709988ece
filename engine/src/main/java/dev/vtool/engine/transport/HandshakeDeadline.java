package dev.vtool.engine.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The {@code policy.handshake} limit: a client must finish its protocol handshake within it or the
 * connection is closed. Inbounds call {@link #clear} once the request is read.
 */
public final class HandshakeDeadline {
    private static final AttributeKey<ScheduledFuture<?>> KEY = AttributeKey.valueOf("vtool.handshake");
    private static final AttributeKey<Boolean> EXPIRED = AttributeKey.valueOf("vtool.handshake.expired");

    private HandshakeDeadline() {
    }

    public static void arm(Channel ch, Duration limit, Runnable onExpiry) {
        ScheduledFuture<?> f = ch.eventLoop().schedule(() -> {
            if (ch.isActive()) {
                ch.attr(EXPIRED).set(Boolean.TRUE);
                onExpiry.run();
                ch.close();
            }
        }, Math.max(1, limit.toMillis()), TimeUnit.MILLISECONDS);
        ch.attr(KEY).set(f);
        ch.closeFuture().addListener(x -> f.cancel(false));
    }

    /** Whether the connection was closed because its handshake took too long (already logged). */
    public static boolean expired(Channel ch) {
        return Boolean.TRUE.equals(ch.attr(EXPIRED).get());
    }

    public static void clear(Channel ch) {
        ScheduledFuture<?> f = ch.attr(KEY).getAndSet(null);
        if (f != null) {
            f.cancel(false);
        }
    }
}
