package dev.vtool.engine.transport.quic;

import dev.vtool.engine.transport.OutputShutdown;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.quic.DefaultQuicStreamFrame;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * Ends a proxied QUIC stream so that 4.34 gets every byte. 4.34's stream reader drops the bytes that quic-go
 * returns together with EOF (its BufferedReader discards data read with an error), and quic-go does that
 * when the FIN rides in the same frame as the last data; quiche puts a FIN on the last frame whenever that
 * data is still unsent. So there is no half-close (the proxy protocol above ends its stream in band, as
 * over ws and mKCP), and closing sends the FIN on its own a moment after the last data, once the stream has
 * flow-control credit again; the stream then ends when the peer finishes too, or after a linger time.
 * Netty's own close would reset the stream and drop what quiche has not sent.
 */
final class QuicStreamClose extends ChannelDuplexHandler {
    private static final long LINGER_SECONDS = 10;
    /** Time for quiche to send what it holds before the FIN is queued, so that it goes in a frame of its own. */
    private static final long FIN_DELAY_MILLIS = 100;
    private boolean closing;
    private boolean finSent;
    private ChannelPromise lastWrite;

    /** Installs the handler on a proxied stream; its output shutdown is a no-op. */
    static void install(QuicStreamChannel stream) {
        stream.pipeline().addLast("quic-close", new QuicStreamClose());
        OutputShutdown.set(stream, ch -> { });
    }

    private void finish(Channel stream) {
        if (finSent || !stream.isActive()) {
            return;
        }
        if (lastWrite != null && !lastWrite.isDone()) {
            lastWrite.addListener(f -> finish(stream));
            return;
        }
        if (!stream.isWritable()) {
            return; // no credit: channelWritabilityChanged comes back here
        }
        finSent = true;
        stream.eventLoop().schedule(() -> {
            stream.writeAndFlush(new DefaultQuicStreamFrame(Unpooled.EMPTY_BUFFER, true));
        }, FIN_DELAY_MILLIS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (closing && ctx.channel().isWritable()) {
            finish(ctx.channel());
        }
        super.channelWritabilityChanged(ctx);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        if (msg instanceof ByteBuf) {
            ChannelPromise p = promise.isVoid() ? ctx.newPromise() : promise;
            lastWrite = p;
            ctx.write(msg, p);
        } else {
            ctx.write(msg, promise);
        }
    }

    @Override
    public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
        QuicStreamChannel stream = (QuicStreamChannel) ctx.channel();
        if (!stream.isActive()) {
            ctx.close(promise);
            return;
        }
        stream.closeFuture().addListener(f -> promise.trySuccess());
        if (closing) {
            return; // the first close's linger decides
        }
        closing = true;
        ScheduledFuture<?> linger = ctx.executor().schedule(() -> {
            ctx.close();
        }, LINGER_SECONDS, TimeUnit.SECONDS);
        stream.closeFuture().addListener(f -> linger.cancel(false));
        finish(stream);
    }
}
