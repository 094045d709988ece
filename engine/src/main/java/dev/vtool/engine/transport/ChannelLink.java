package dev.vtool.engine.transport;

import dev.vtool.engine.Link;
import dev.vtool.schema.model.LevelPolicy;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.CompositeByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A client connection whose handshake is over: from now on its bytes are payload. Reading stops
 * (auto-read off) while the outbound connects; whatever arrives meanwhile — bytes that came with the
 * request, or what the sniffer asked for — is kept and written first when the relay starts.
 */
public final class ChannelLink implements Link {
    private static final String NAME = "vtool-link";
    private final Channel channel;
    private final LevelPolicy policy;
    private final Consumer<Throwable> onError;
    private CompositeByteBuf buffered;
    private boolean eof;
    private Peek peek;
    private boolean handedOver;

    private ChannelLink(Channel channel, LevelPolicy policy, Consumer<Throwable> onError) {
        this.channel = channel;
        this.policy = policy;
        this.onError = onError;
        this.buffered = channel.alloc().compositeBuffer(64);
    }

    /**
     * Takes over a connection at the end of its handshake. Call before removing the inbound's own
     * handlers: bytes those decoders still hold flow into this link.
     */
    public static ChannelLink takeOver(Channel channel, LevelPolicy policy, Consumer<Throwable> onError) {
        channel.config().setAutoRead(false);
        ChannelLink link = new ChannelLink(channel, policy, onError);
        channel.pipeline().addLast(NAME, link.new Buffering());
        return link;
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public EventLoop eventLoop() {
        return channel.eventLoop();
    }

    @Override
    public void relayTo(Channel outbound) {
        if (!eventLoop().inEventLoop()) {
            eventLoop().execute(() -> relayTo(outbound));
            return;
        }
        if (handedOver) {
            outbound.close();
            return;
        }
        handedOver = true;
        ByteBuf pending = buffered;
        buffered = null;
        if (channel.pipeline().get(NAME) != null) {
            channel.pipeline().remove(NAME);
        }
        Relay.start(channel, pending, eof, outbound, policy, onError);
    }

    /**
     * Hands the connection to handlers that read it themselves instead of a relay (a Mux.cool carrier or
     * session): they are added at the end of the pipeline and get what was buffered first, then the
     * half-close if it already came. Returns false (nothing added) when the link was already used.
     */
    public boolean attach(io.netty.channel.ChannelHandler... handlers) {
        if (!eventLoop().inEventLoop()) {
            throw new IllegalStateException("attach runs on the link's event loop");
        }
        if (handedOver) {
            return false;
        }
        handedOver = true;
        ByteBuf pending = buffered;
        buffered = null;
        String before = NAME;
        for (io.netty.channel.ChannelHandler h : handlers) {
            String name = "vtool-attached-" + System.identityHashCode(h);
            channel.pipeline().addAfter(before, name, h);
            before = name;
        }
        io.netty.channel.ChannelHandlerContext ctx = channel.pipeline().context(NAME);
        if (pending.isReadable()) {
            ctx.fireChannelRead(pending);
            ctx.fireChannelReadComplete();
        } else {
            pending.release();
        }
        if (eof) {
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
        boolean active = channel.isActive();
        if (!active) {
            ctx.fireChannelInactive(); // it already passed: the attached handlers must learn it too
        }
        channel.pipeline().remove(NAME);
        if (active && !eof) {
            channel.config().setAutoRead(true);
        }
        return true;
    }

    @Override
    public void respondAndClose(ByteBuf raw) {
        if (!eventLoop().inEventLoop()) {
            eventLoop().execute(() -> respondAndClose(raw));
            return;
        }
        release();
        // through the whole pipeline: an inbound that keeps a body codec (VMess) encodes the answer too
        channel.writeAndFlush(raw).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void close() {
        if (!eventLoop().inEventLoop()) {
            eventLoop().execute(this::close);
            return;
        }
        release();
        channel.close();
    }

    private void release() {
        handedOver = true;
        if (buffered != null) {
            buffered.release();
            buffered = null;
        }
    }

    @Override
    public void peek(int maxBytes, long waitMillis, Predicate<ByteBuf> enough, Consumer<ByteBuf> done) {
        if (buffered == null) {
            done.accept(io.netty.buffer.Unpooled.EMPTY_BUFFER);
            return;
        }
        Peek p = new Peek(maxBytes, enough, done);
        if (p.satisfied()) {
            p.finish();
            return;
        }
        peek = p;
        p.timeout = eventLoop().schedule(p::finish, waitMillis, TimeUnit.MILLISECONDS);
        channel.read();
    }

    /** One sniffing wait: ends when the bytes suffice, the limit is reached, the client stops, or time is up. */
    private final class Peek {
        final int maxBytes;
        final Predicate<ByteBuf> enough;
        final Consumer<ByteBuf> done;
        ScheduledFuture<?> timeout;
        boolean finished;

        Peek(int maxBytes, Predicate<ByteBuf> enough, Consumer<ByteBuf> done) {
            this.maxBytes = maxBytes;
            this.enough = enough;
            this.done = done;
        }

        boolean satisfied() {
            return eof || buffered == null || buffered.readableBytes() >= maxBytes
                    || buffered.isReadable() && enough.test(buffered.duplicate());
        }

        void finish() {
            if (finished) {
                return;
            }
            finished = true;
            peek = null;
            if (timeout != null) {
                timeout.cancel(false);
            }
            done.accept(buffered == null ? io.netty.buffer.Unpooled.EMPTY_BUFFER : buffered.duplicate());
        }
    }

    /** Sits at the end of the client pipeline until the relay starts; keeps what arrives. */
    private final class Buffering extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (!(msg instanceof ByteBuf buf) || buffered == null) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (buf.isReadable()) {
                buffered.addComponent(true, buf);
            } else {
                buf.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            Peek p = peek;
            if (p != null) {
                if (p.satisfied()) {
                    p.finish();
                } else {
                    ctx.channel().read();
                }
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof ChannelInputShutdownEvent) {
                eof = true;
                Peek p = peek;
                if (p != null) {
                    p.finish();
                }
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            eof = true;
            Peek p = peek;
            if (p != null) {
                p.finish();
            }
            if (!handedOver) {
                release();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            onError.accept(cause);
            ctx.close();
        }
    }
}
