package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Link;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ActivityTimer;
import dev.vtool.engine.transport.OutputShutdown;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import java.util.concurrent.TimeUnit;

/**
 * A TCP session bridged to one endpoint channel: the application's connection (client side) or the
 * outbound's (server side, where this is also the {@link Link} the dispatcher hands to the outbound).
 * Endpoint bytes become Keep+Data frames of at most 8192 bytes (the client's first frame is New); frames
 * for the session are written to the endpoint. End is a half-close each way, End with the error bit an
 * abort; the session ends when both directions have, or its idle timer fires.
 */
final class StreamBridge implements MuxSession, Link {
    /** The client sends New alone if the application has said nothing within this time (as 4.34). */
    private static final long FIRST_PAYLOAD_WAIT_MILLIS = 100;
    /** Server side, before the outbound connected: past this much buffered data the carrier stops reading. */
    private static final int PENDING_LIMIT = 64 * 1024;
    private final MuxConnection conn;
    private final int id;
    private final Session session;
    /** Client side until New is sent: where the session goes. */
    private Destination openTarget;
    private Channel endpoint;
    private CompositeByteBuf pending;
    private ActivityTimer timer;
    private boolean localDone;
    private boolean remoteDone;
    private boolean finished;
    private boolean paused;

    private StreamBridge(MuxConnection conn, int id, Session session, Destination openTarget) {
        this.conn = conn;
        this.id = id;
        this.session = session;
        this.openTarget = openTarget;
    }

    /** Server side: a session the peer opened; the outbound's channel arrives through {@link #relayTo}. */
    static StreamBridge accepted(MuxConnection conn, int id, Session session) {
        return new StreamBridge(conn, id, session, null);
    }

    /** Client side: a session for the application's connection; New goes out with its first bytes. */
    static StreamBridge opening(MuxConnection conn, int id, Session session) {
        StreamBridge b = new StreamBridge(conn, id, session, session.destination());
        conn.loop.schedule(b::sendOpenAlone, FIRST_PAYLOAD_WAIT_MILLIS, TimeUnit.MILLISECONDS);
        return b;
    }

    /** The endpoint-side handler, for {@link dev.vtool.engine.transport.ChannelLink#attach}. */
    ChannelInboundHandlerAdapter endpointHandler() {
        return new Side();
    }

    @Override
    public int id() {
        return id;
    }

    @Override
    public boolean packets() {
        return false;
    }

    // ---- frames from the carrier

    @Override
    public void received(ByteBuf data) {
        if (finished || remoteDone) {
            data.release();
            return;
        }
        touch();
        if (endpoint == null) {
            if (pending == null) {
                pending = conn.alloc().compositeBuffer(64);
            }
            pending.addComponent(true, data);
            if (pending.readableBytes() > PENDING_LIMIT) {
                conn.block(this, true);
            }
            return;
        }
        endpoint.write(data, endpoint.voidPromise());
    }

    @Override
    public void flushReceived() {
        if (endpoint != null && !finished) {
            endpoint.flush();
            if (!endpoint.isWritable()) {
                conn.block(this, true);
            }
        }
    }

    @Override
    public void remoteEnded(boolean error) {
        if (finished) {
            return;
        }
        if (error) {
            finish(false, false);
            return;
        }
        if (remoteDone) {
            return;
        }
        remoteDone = true;
        conn.block(this, false);
        if (timer != null) {
            timer.setTimeout(session.policy().uplinkOnly());
        }
        if (endpoint != null) {
            shutdownEndpointOutput();
        }
        if (localDone) {
            finish(false, false);
        }
    }

    private void shutdownEndpointOutput() {
        Channel ch = endpoint;
        ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(f -> onCarrierLoop(() -> {
            if (!localDone && !OutputShutdown.shutdown(ch)) {
                finish(true, false);
            }
        }));
    }

    @Override
    public void abort() {
        finished = true;
        stopTimer();
        releasePending();
        if (endpoint != null) {
            endpoint.close();
        }
    }

    @Override
    public void carrierWritable() {
        if (paused && endpoint != null && !localDone && !finished) {
            paused = false;
            endpoint.config().setAutoRead(true);
        }
    }

    // ---- the endpoint

    private void attach(Channel ch) {
        endpoint = ch;
        timer = new ActivityTimer(conn.loop, session.policy().connIdle(), this::idle);
        ch.pipeline().addLast("mux-session", new Side());
        started(ch);
    }

    private void started(Channel ch) {
        if (timer == null) {
            timer = new ActivityTimer(conn.loop, session.policy().connIdle(), this::idle);
        }
        if (pending != null) {
            CompositeByteBuf p = pending;
            pending = null;
            conn.block(this, false);
            ch.writeAndFlush(p, ch.voidPromise());
        }
        if (remoteDone) {
            shutdownEndpointOutput();
        }
        if (!ch.isActive()) {
            finish(true, false);
            return;
        }
        if (conn.writable()) {
            ch.config().setAutoRead(true);
        } else {
            paused = true;
        }
    }

    private void sendOpenAlone() {
        if (openTarget != null && !finished) {
            Destination t = openTarget;
            openTarget = null;
            conn.send(MuxFrames.open(conn.alloc(), id, t, null));
            conn.flush();
        }
    }

    private void forward(ByteBuf buf) {
        try {
            while (buf.isReadable()) {
                ByteBuf chunk = buf.readRetainedSlice(Math.min(MuxFrame.MAX_STREAM_CHUNK, buf.readableBytes()));
                if (openTarget != null) {
                    Destination t = openTarget;
                    openTarget = null;
                    conn.send(MuxFrames.open(conn.alloc(), id, t, chunk));
                } else {
                    conn.send(MuxFrames.keep(conn.alloc(), id, chunk));
                }
            }
        } finally {
            buf.release();
        }
    }

    /** The endpoint sends no more: End to the peer. */
    private void localEnded(boolean error) {
        if (localDone || finished) {
            return;
        }
        localDone = true;
        sendOpenAlone();
        conn.send(MuxFrames.end(conn.alloc(), id, error));
        conn.flush();
        if (timer != null) {
            timer.setTimeout(session.policy().downlinkOnly());
        }
        if (remoteDone || error) {
            finish(false, false);
        }
    }

    private void idle() {
        conn.log.info(session.id(), "common/mux", "session " + id + " ends > idle timeout");
        finish(true, false);
    }

    /**
     * Ends the session: removed from the carrier, the endpoint flushed and closed.
     *
     * @param sendEnd whether the peer still needs an End (when this side has not sent one)
     */
    private void finish(boolean sendEnd, boolean error) {
        if (finished) {
            return;
        }
        if (sendEnd && !localDone) {
            localDone = true;
            sendOpenAlone();
            conn.send(MuxFrames.end(conn.alloc(), id, error));
            conn.flush();
        }
        finished = true;
        stopTimer();
        releasePending();
        conn.remove(this);
        if (endpoint != null) {
            endpoint.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void stopTimer() {
        if (timer != null) {
            timer.stop();
        }
    }

    private void releasePending() {
        if (pending != null) {
            pending.release();
            pending = null;
        }
    }

    private void touch() {
        if (timer != null) {
            timer.touch();
        }
    }

    // ---- Link (server side: what the outbound relays to)

    @Override
    public EventLoop eventLoop() {
        return conn.loop;
    }

    @Override
    public void relayTo(Channel outbound) {
        if (!conn.loop.inEventLoop()) {
            conn.loop.execute(() -> relayTo(outbound));
            return;
        }
        if (finished || endpoint != null) {
            outbound.close();
            return;
        }
        attach(outbound);
    }

    @Override
    public void respondAndClose(ByteBuf raw) {
        if (!conn.loop.inEventLoop()) {
            conn.loop.execute(() -> respondAndClose(raw));
            return;
        }
        if (finished) {
            raw.release();
            return;
        }
        forward(raw);
        finish(true, false);
    }

    @Override
    public void close() {
        if (!conn.loop.inEventLoop()) {
            conn.loop.execute(this::close);
            return;
        }
        // the destination could not be reached: 4.34 ends the session with the error bit
        finish(true, true);
    }

    /**
     * Runs on the carrier's loop: at once when already there (an endpoint on the carrier's loop, the usual
     * case), else queued in order (a reverse portal's client connections live on other loops).
     */
    private void onCarrierLoop(Runnable r) {
        if (conn.loop.inEventLoop()) {
            r.run();
            return;
        }
        try {
            conn.loop.execute(r);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the carrier's loop is shutting down, and with it the carrier and its sessions
        }
    }

    /** Sits at the end of the endpoint's pipeline; everything it learns is handled on the carrier's loop. */
    private final class Side extends ChannelInboundHandlerAdapter {
        @Override
        public void handlerAdded(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            onCarrierLoop(() -> {
                if (endpoint == null) {
                    // client side: the application's connection, handed over by ChannelLink.attach
                    endpoint = ch;
                    if (finished) {
                        ch.close(); // the carrier went away before the connection got here
                        return;
                    }
                    conn.loop.execute(() -> {
                        if (!finished) {
                            started(ch);
                        }
                    });
                }
            });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            onCarrierLoop(() -> {
                if (!(msg instanceof ByteBuf buf) || finished || localDone) {
                    ReferenceCountUtil.release(msg);
                    return;
                }
                touch();
                forward(buf);
            });
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            onCarrierLoop(() -> {
                conn.flush();
                if (!conn.writable() && !finished) {
                    paused = true;
                    ch.config().setAutoRead(false);
                }
            });
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                ctx.channel().config().setAutoRead(false);
                onCarrierLoop(() -> localEnded(false));
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelWritabilityChanged(ChannelHandlerContext ctx) {
            Channel ch = ctx.channel();
            onCarrierLoop(() -> conn.block(StreamBridge.this, !ch.isWritable() && !finished));
            ctx.fireChannelWritabilityChanged();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            onCarrierLoop(() -> finish(true, false));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onCarrierLoop(() -> {
                conn.log.info(session.id(), "common/mux", "session " + id + " ends > " + cause.getMessage());
                finish(true, true);
            });
        }
    }
}
