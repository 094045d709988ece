package dev.vtool.engine.transport;

import dev.vtool.schema.model.LevelPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Copies payload both ways between the client channel and the outbound channel, handing each ByteBuf
 * over without copying. Back-pressure: a side stops reading while the other side is not writable and
 * resumes when it drains. Half-close travels through ({@link OutputShutdown}); once one direction has
 * ended the other gets {@code uplinkOnly}/{@code downlinkOnly} of idle time, as in V2Ray. Both channels
 * live on the same event loop, so no state here needs locking.
 */
public final class Relay {
    /** How long a closing side may take to flush what is queued before it is closed regardless. */
    private static final long CLOSE_LINGER_SECONDS = 2;
    private final Channel client;
    private final Channel server;
    private final LevelPolicy policy;
    private final ActivityTimer timer;
    private final Consumer<Throwable> onError;
    private boolean uplinkDone;
    private boolean downlinkDone;
    private boolean closed;

    private Relay(Channel client, Channel server, LevelPolicy policy, Consumer<Throwable> onError) {
        this.client = client;
        this.server = server;
        this.policy = policy;
        this.onError = onError;
        this.timer = new ActivityTimer(client.eventLoop(), policy.connIdle(), this::closeBoth);
    }

    /**
     * Starts relaying. Must run on the client's event loop; the server channel must use the same loop.
     *
     * @param pending   payload the client already sent (written to the server first; ownership taken)
     * @param clientEof whether the client already half-closed while its first bytes were buffered
     * @param onError   told about an I/O failure that ended the relay (for the log)
     */
    public static void start(Channel client, ByteBuf pending, boolean clientEof, Channel server, LevelPolicy policy,
                             Consumer<Throwable> onError) {
        Relay r = new Relay(client, server, policy, onError);
        client.pipeline().addLast("vtool-relay", r.new Side(server, true));
        server.pipeline().addLast("vtool-relay", r.new Side(client, false));
        if (pending != null && pending.isReadable()) {
            server.writeAndFlush(pending, server.voidPromise());
        } else if (pending != null) {
            pending.release();
        }
        server.closeFuture().addListener(f -> r.closeBoth());
        client.closeFuture().addListener(f -> r.closeBoth());
        if (!client.isActive() || !server.isActive()) {
            r.closeBoth();
            return;
        }
        if (clientEof) {
            r.inputEnded(true);
        }
        server.config().setAutoRead(true);
        if (!clientEof) {
            client.config().setAutoRead(true);
        }
    }

    private void inputEnded(boolean uplink) {
        Channel peer = uplink ? server : client;
        if (uplink) {
            uplinkDone = true;
            timer.setTimeout(policy.downlinkOnly());
        } else {
            downlinkDone = true;
            timer.setTimeout(policy.uplinkOnly());
        }
        if (uplinkDone && downlinkDone) {
            // flush what is queued, then close both
            peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> closeBoth());
            return;
        }
        peer.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> {
            if (!OutputShutdown.shutdown(peer)) {
                closeBoth();
            }
        });
    }

    private void closeBoth() {
        if (closed) {
            return;
        }
        closed = true;
        timer.stop();
        // let already-written bytes reach each side before closing it
        client.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        server.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        // a peer that never reads would keep that flush, its channel and up to bufferSize of data forever
        try {
            client.eventLoop().schedule(() -> {
                client.close();
                server.close();
            }, CLOSE_LINGER_SECONDS, TimeUnit.SECONDS);
        } catch (java.util.concurrent.RejectedExecutionException shuttingDown) {
            client.close();
            server.close();
        }
    }

    /** The relay's handler on one channel; forwards to {@code peer}. */
    private final class Side extends ChannelInboundHandlerAdapter {
        private final Channel peer;
        private final boolean uplink;

        Side(Channel peer, boolean uplink) {
            this.peer = peer;
            this.uplink = uplink;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            timer.touch();
            if (closed) {
                io.netty.util.ReferenceCountUtil.release(msg);
                return;
            }
            peer.write(msg, peer.voidPromise());
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            peer.flush();
            if (!peer.isWritable()) {
                ctx.channel().config().setAutoRead(false);
            }
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            if (ctx.channel().isWritable() && !closed && !(uplink ? downlinkDone : uplinkDone)) {
                peer.config().setAutoRead(true);
            }
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.channel().config().setAutoRead(false);
                inputEnded(uplink);
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeBoth();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (!closed) {
                onError.accept(cause);
            }
            closeBoth();
        }
    }
}
