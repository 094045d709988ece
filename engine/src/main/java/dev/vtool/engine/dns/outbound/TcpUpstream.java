package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.LengthFieldBasedFrameDecoder;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;

/**
 * The server over TCP (through the outbound's transport): one connection, dialled when the first message
 * needs it, every message with its 2-byte length. As in 4.34 a failed dial drops the message and the next
 * message dials again; once the server closes, later messages are dropped.
 */
final class TcpUpstream implements DnsUpstream {
    private static final int MAX_MESSAGE = 65535;
    private final EngineContext context;
    private final Session session;
    private final EventLoop loop;
    private final Answers answers;
    private final Queue<ByteBuf> waiting = new ArrayDeque<>();
    private Channel channel;
    private boolean dialling;
    private boolean closed;

    TcpUpstream(EngineContext context, Session session, EventLoop loop, Answers answers) {
        this.context = context;
        this.session = session;
        this.loop = loop;
        this.answers = answers;
    }

    @Override
    public void forward(Destination server, ByteBuf message) {
        if (closed || message.readableBytes() > MAX_MESSAGE) {
            message.release();
            return;
        }
        if (channel != null) {
            write(message);
            return;
        }
        waiting.add(message);
        if (!dialling) {
            dial(server);
        }
    }

    private void dial(Destination server) {
        dialling = true;
        context.dialer().connect(loop, server.host(), server.port(), null, session.policy()).addListener(f -> {
            dialling = false;
            if (!f.isSuccess()) {
                context.log().warning(session.id(), "proxy/dns", "failed to dial outbound connection > "
                        + f.cause().getMessage());
                releaseWaiting();
                return;
            }
            Channel ch = (Channel) f.getNow();
            if (closed) {
                ch.close();
                return;
            }
            channel = ch;
            ch.pipeline().addLast(new LengthFieldBasedFrameDecoder(MAX_MESSAGE + 2, 0, 2, 0, 2),
                    new SimpleChannelInboundHandler<ByteBuf>() {
                        @Override
                        protected void channelRead0(ChannelHandlerContext ctx, ByteBuf answer) {
                            InetSocketAddress from = ctx.channel().remoteAddress() instanceof InetSocketAddress a ? a
                                    : InetSocketAddress.createUnresolved(server.host(), server.port());
                            answers.received(from, answer.retain());
                        }

                        @Override
                        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
                            if (evt instanceof ChannelInputShutdownEvent) {
                                ctx.close();
                            }
                        }

                        @Override
                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                            ctx.close();
                        }
                    });
            ch.closeFuture().addListener(c -> close());
            ch.config().setAutoRead(true);
            for (ByteBuf m; (m = waiting.poll()) != null; ) {
                write(m);
            }
        });
    }

    private void write(ByteBuf message) {
        ByteBuf length = channel.alloc().buffer(2).writeShort(message.readableBytes());
        channel.writeAndFlush(Unpooled.wrappedBuffer(length, message), channel.voidPromise());
    }

    private void releaseWaiting() {
        for (ByteBuf m; (m = waiting.poll()) != null; ) {
            m.release();
        }
    }

    @Override
    public boolean isOpen() {
        return !closed;
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        releaseWaiting();
        if (channel != null) {
            channel.close();
        }
    }
}
