package dev.vtool.engine;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;

/**
 * A link for a stream the engine itself opens through routing (the built-in DNS's DoH queries): the
 * outbound's connected channel, which reads and writes plain payload, is handed to the caller instead of
 * being relayed to a client. An outbound that refuses (blackhole, a failed dial) fails the future.
 */
public final class StreamLink implements Link {
    private final EventLoop loop;
    private final Promise<Channel> channel;

    public StreamLink(EventLoop loop) {
        this.loop = loop;
        this.channel = loop.newPromise();
    }

    /** The outbound's channel once routing and dialling succeeded. */
    public Future<Channel> channel() {
        return channel;
    }

    @Override
    public EventLoop eventLoop() {
        return loop;
    }

    @Override
    public void relayTo(Channel outbound) {
        if (!channel.trySuccess(outbound)) {
            outbound.close();
        }
    }

    @Override
    public void respondAndClose(ByteBuf raw) {
        raw.release();
        channel.tryFailure(new IOException("the outbound refused the connection"));
    }

    @Override
    public void close() {
        channel.tryFailure(new IOException("the outbound closed the connection"));
    }
}
