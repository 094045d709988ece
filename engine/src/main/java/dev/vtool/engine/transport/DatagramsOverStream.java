package dev.vtool.engine.transport;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.timeout.IdleStateHandler;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * The server side of datagrams carried in a client's stream (Trojan command 3, VLESS command 2): the
 * session's UDP flow is dispatched, each answer goes back framed by the protocol, the flow ends with the
 * connection, and the connection closes after the level's connIdle without traffic.
 */
public final class DatagramsOverStream {
    /** One answer datagram as the protocol frames it on the stream; takes ownership of {@code payload}. */
    public interface Framing {
        ByteBuf frame(ByteBufAllocator alloc, InetSocketAddress from, ByteBuf payload);
    }

    private DatagramsOverStream() {
    }

    /**
     * Starts the flow for the handler at {@code ctx} (its idle timer goes in front of it as {@code idleName}).
     * Returns the flow, or null when the dispatcher refused it (the caller then drops the rest and closes).
     */
    public static PacketConnection start(EngineContext context, Session session, ChannelHandlerContext ctx,
                                         String idleName, Framing framing) {
        Channel ch = ctx.channel();
        PacketConnection flow = context.dispatcher().dispatchPackets(session, ch.eventLoop(), (from, payload) -> {
            if (ch.isActive()) {
                ch.writeAndFlush(framing.frame(ch.alloc(), from, payload), ch.voidPromise());
            } else {
                payload.release();
            }
        });
        if (flow == null) {
            return null;
        }
        ch.closeFuture().addListener(f -> flow.close());
        long idle = Math.max(1, session.policy().connIdle().toSeconds());
        ctx.pipeline().addBefore(ctx.name(), idleName, new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
        return flow;
    }
}
