package dev.vtool.engine.transport.kcp;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.AbstractChannel;
import io.netty.channel.Channel;
import io.netty.channel.ChannelConfig;
import io.netty.channel.ChannelMetadata;
import io.netty.channel.ChannelOutboundBuffer;
import io.netty.channel.ChannelPromise;
import io.netty.channel.DefaultChannelConfig;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.net.SocketAddress;

/**
 * The byte stream of one mKCP connection as a Netty channel, so proxies and the relay use it like a TCP
 * socket: writes are cut into {@code mss}-sized segments while the send window has room (the rest waits in
 * the outbound buffer, which makes the channel unwritable: back-pressure); in-order data is read while the
 * channel reads, and a receive window that is not read stops the peer. mKCP has no half-close: the end of
 * the peer's data is reported as input shutdown once it closes, and output shutdown does nothing.
 */
final class KcpChannel extends AbstractChannel {
    private static final ChannelMetadata METADATA = new ChannelMetadata(false);

    private final KcpConnection connection;
    private final KcpParams params;
    private final SocketAddress local;
    private final SocketAddress remote;
    private final Config config = new Config(this);
    private boolean open = true;
    private boolean reading;
    private boolean inputShutdown;

    KcpChannel(Channel parent, KcpConnection connection, KcpParams params, SocketAddress local, SocketAddress remote) {
        super(parent);
        this.connection = connection;
        this.params = params;
        this.local = local;
        this.remote = remote;
        connection.attach(this);
        dev.vtool.engine.transport.OutputShutdown.set(this, ch -> { });
        pipeline().addFirst("kcp-close", new HandOverOnClose());
    }

    /**
     * On close, whatever still waits in the outbound buffer for send-window room goes into the session, which
     * keeps sending after the channel is gone (4.34's ReadyToClose, at most 15 s): as in 4.34, where a
     * finished copy means the bytes are in mKCP's window, a close loses nothing already written.
     */
    private final class HandOverOnClose extends io.netty.channel.ChannelOutboundHandlerAdapter {
        @Override
        public void close(io.netty.channel.ChannelHandlerContext ctx, ChannelPromise promise) {
            ChannelOutboundBuffer in = unsafe().outboundBuffer();
            KcpSession s = connection.session();
            if (in != null && !connection.terminated() && !s.writeClosed()) {
                in.addFlush();
                Object msg;
                while ((msg = in.current()) != null) {
                    if (msg instanceof ByteBuf b) {
                        while (b.isReadable()) {
                            int n = Math.min(b.readableBytes(), params.mss());
                            byte[] chunk = new byte[n];
                            b.readBytes(chunk);
                            s.send(chunk);
                        }
                    }
                    in.remove();
                }
                connection.flushSoon();
            }
            ctx.close(promise);
        }
    }

    /** The session took input or flushed: deliver readable data, retry queued writes, report the peer's end. */
    void sessionChanged() {
        if (!open) {
            return;
        }
        deliver();
        ChannelOutboundBuffer out = unsafe().outboundBuffer();
        if (out != null && !out.isEmpty() && connection.session().canSend()) {
            unsafe().flush();
        }
    }

    private void deliver() {
        if (!reading || !isRegistered()) {
            return;
        }
        boolean any = false;
        byte[] p;
        while (reading && (p = connection.session().poll()) != null) {
            any = true;
            pipeline().fireChannelRead(Unpooled.wrappedBuffer(p));
        }
        if (any) {
            connection.flushSoon(); // the receive window moved: tell the peer
            if (!config.isAutoRead()) {
                reading = false;
            }
            pipeline().fireChannelReadComplete();
        }
        if (!inputShutdown && connection.session().readEnded()) {
            inputShutdown = true;
            pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    @Override
    protected void doBeginRead() {
        reading = true;
        eventLoop().execute(this::deliver);
    }

    @Override
    protected void doWrite(ChannelOutboundBuffer in) {
        KcpSession s = connection.session();
        boolean queued = false;
        while (true) {
            Object msg = in.current();
            if (msg == null) {
                break;
            }
            if (!(msg instanceof ByteBuf b)) {
                in.remove(new UnsupportedOperationException("mKCP carries bytes only"));
                continue;
            }
            if (!b.isReadable()) {
                in.remove();
                continue;
            }
            if (connection.terminated() || s.writeClosed()) {
                in.remove(new java.io.IOException("io: read/write on closed pipe"));
                continue;
            }
            if (!s.canSend()) {
                break; // the send window is full: the rest waits for acks
            }
            int n = Math.min(b.readableBytes(), params.mss());
            byte[] chunk = new byte[n];
            b.getBytes(b.readerIndex(), chunk);
            if (!s.send(chunk)) {
                in.remove(new java.io.IOException("io: read/write on closed pipe"));
                continue;
            }
            queued = true;
            in.removeBytes(n);
        }
        if (queued) {
            connection.flushSoon();
        }
    }

    @Override
    protected void doClose() {
        if (open) {
            open = false;
            connection.close();
        }
    }

    @Override
    protected boolean isCompatible(EventLoop loop) {
        return loop == connection.loop();
    }

    @Override
    protected SocketAddress localAddress0() {
        return local;
    }

    @Override
    protected SocketAddress remoteAddress0() {
        return remote;
    }

    @Override
    protected void doBind(SocketAddress localAddress) {
        throw new UnsupportedOperationException("an mKCP connection is bound by its UDP socket");
    }

    @Override
    protected void doDisconnect() {
        doClose();
    }

    @Override
    protected AbstractUnsafe newUnsafe() {
        return new AbstractUnsafe() {
            @Override
            public void connect(SocketAddress remoteAddress, SocketAddress localAddress, ChannelPromise promise) {
                promise.setFailure(new UnsupportedOperationException("an mKCP connection is connected when made"));
            }
        };
    }

    @Override
    public ChannelConfig config() {
        return config;
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isActive() {
        return open;
    }

    @Override
    public ChannelMetadata metadata() {
        return METADATA;
    }

    private static final class Config extends DefaultChannelConfig {
        private final KcpChannel channel;

        Config(KcpChannel channel) {
            super(channel);
            this.channel = channel;
        }

        @Override
        protected void autoReadCleared() {
            channel.reading = false;
        }
    }
}
