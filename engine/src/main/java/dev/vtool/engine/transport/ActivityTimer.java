package dev.vtool.engine.transport;

import io.netty.channel.EventLoop;
import io.netty.util.concurrent.ScheduledFuture;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * V2Ray's activity timer: fires when nothing moved for the current timeout. The timeout starts as
 * {@code connIdle} and shrinks to {@code uplinkOnly}/{@code downlinkOnly} once one direction has ended.
 * {@link #touch()} is a plain field write, cheap enough for every read; confined to one event loop.
 */
public final class ActivityTimer implements Runnable {
    private final EventLoop loop;
    private final Runnable onTimeout;
    private long timeoutNanos;
    private long last;
    private ScheduledFuture<?> task;
    private boolean stopped;

    public ActivityTimer(EventLoop loop, Duration timeout, Runnable onTimeout) {
        this.loop = loop;
        this.onTimeout = onTimeout;
        setTimeout(timeout);
    }

    public void touch() {
        last = System.nanoTime();
    }

    public void setTimeout(Duration timeout) {
        if (stopped) {
            return;
        }
        timeoutNanos = Math.max(1, timeout.toNanos());
        last = System.nanoTime();
        if (task != null) {
            task.cancel(false);
        }
        task = loop.schedule(this, timeoutNanos, TimeUnit.NANOSECONDS);
    }

    @Override
    public void run() {
        if (stopped) {
            return;
        }
        long idle = System.nanoTime() - last;
        if (idle >= timeoutNanos) {
            stopped = true;
            onTimeout.run();
        } else {
            task = loop.schedule(this, timeoutNanos - idle, TimeUnit.NANOSECONDS);
        }
    }

    public void stop() {
        stopped = true;
        if (task != null) {
            task.cancel(false);
        }
    }
}
