package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.dns.DnsWire;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * A TCP client of the DNS outbound, after a length-prefix frame decoder: each frame is one DNS message. A and
 * AAAA questions are answered here, the rest goes to the server (over TCP or UDP, by the server's network);
 * every answer goes back with its 2-byte length, as 4.34's TCPWriter writes it. When the client stops
 * sending, the answers still being looked up are written, then the connection closes.
 */
final class DnsStream extends SimpleChannelInboundHandler<ByteBuf> {
    private final DnsOutbound outbound;
    private final Session session;
    private final Destination server;
    private DnsUpstream upstream;
    private int lookups;
    private boolean clientDone;

    DnsStream(DnsOutbound outbound, Session session) {
        this.outbound = outbound;
        this.session = session;
        this.server = outbound.server(session.destination());
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, ByteBuf message) {
        Channel ch = ctx.channel();
        DnsWire.Query q = outbound.ipQuery(session, message);
        if (q != null) {
            lookups++;
            outbound.answer(session, q, ch.eventLoop(), answer -> {
                lookups--;
                write(ch, answer);
                closeIfDone(ch);
            }, () -> {
                lookups--;
                closeIfDone(ch);
            });
            return;
        }
        if (upstream == null) {
            upstream = outbound.upstream(server, session, ch.eventLoop(), (from, answer) -> write(ch, answer));
        }
        upstream.forward(server, message.retain());
    }

    private static void write(Channel ch, ByteBuf answer) {
        if (!ch.isActive()) {
            answer.release();
            return;
        }
        ByteBuf length = ch.alloc().buffer(2).writeShort(answer.readableBytes());
        ch.writeAndFlush(Unpooled.wrappedBuffer(length, answer), ch.voidPromise());
    }

    private void closeIfDone(Channel ch) {
        if (clientDone && lookups == 0) {
            ch.close();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
        } else if (evt instanceof ChannelInputShutdownEvent) {
            clientDone = true;
            closeIfDone(ctx.channel());
        } else {
            super.userEventTriggered(ctx, evt);
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        if (upstream != null) {
            upstream.close();
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        outbound.connectionEnds(session, cause);
        ctx.close();
    }
}
