package dev.vtool.engine.fallback;

import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.DatagramsOverStream;
import dev.vtool.engine.transport.PacketConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;

/**
 * One server connection of a {@link FallbackInbound} (trojan, vless): the first read decides between the
 * protocol and the fallback, then the request header is read whole, then the connection carries a stream
 * (handed to the dispatcher) or datagrams (over the stream, until the client closes). Subclasses read their
 * own first read, header and datagram frames; the stages, the hand-over and the ends are the same.
 */
public abstract class FallbackServerHandler extends ByteToMessageDecoder {
    /** Where the connection is: FIRST read, request HEADER, datagram PACKETS, or DONE (bytes dropped). */
    protected enum State { FIRST, HEADER, PACKETS, DONE }

    protected final EngineContext context;
    protected final Session session;
    private final String pkg;
    protected State state = State.FIRST;
    protected PacketConnection packets;

    /** @param pkg 4.34's package of the inbound, as its log lines name it */
    protected FallbackServerHandler(EngineContext context, Session session, String pkg) {
        this.context = context;
        this.session = session;
        this.pkg = pkg;
    }

    @Override
    protected final void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case FIRST -> first(ctx, in);
            case HEADER -> header(ctx, in);
            case PACKETS -> packets(ctx, in);
            case DONE -> in.skipBytes(in.readableBytes());
        }
    }

    /** The first read: a known user goes on to {@link State#HEADER}, anything else to the fallback or closes. */
    protected abstract void first(ChannelHandlerContext ctx, ByteBuf in);

    /** The request header, which may span reads: returns without consuming while it is incomplete. */
    protected abstract void header(ChannelHandlerContext ctx, ByteBuf in);

    /** Datagram frames from the client, once {@link #startPackets} has opened the connection for them. */
    protected abstract void packets(ChannelHandlerContext ctx, ByteBuf in);

    /** The request is whole and asks for a stream: from now on the connection's bytes go where routing says. */
    protected final void dispatchStream(ChannelHandlerContext ctx) {
        state = State.DONE;
        ChannelLink link = ChannelLink.takeOver(ctx.channel(), session.policy(), cause -> context.log().info(
                session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + pkg
                        + ": connection ends > " + cause.getMessage()));
        ctx.pipeline().remove(this); // payload that came with the request flows on into the link
        context.dispatcher().dispatch(session, link);
    }

    /** The request asks for datagrams: answers go back framed by {@code framing}; what came along is read. */
    protected final void startPackets(ChannelHandlerContext ctx, ByteBuf in, String idleName,
                                      DatagramsOverStream.Framing framing) {
        packets = DatagramsOverStream.start(context, session, ctx, idleName, framing);
        if (packets == null) {
            closeNow(ctx, in);
            return;
        }
        state = State.PACKETS;
        packets(ctx, in);
    }

    /** Reads nothing more: what is left is dropped and the connection closes. */
    protected final void closeNow(ChannelHandlerContext ctx, ByteBuf in) {
        state = State.DONE;
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    /** Logs why the connection ends, in 4.34's words, with the inbound's package. */
    protected final void logEnd(String why) {
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + pkg + ": " + why);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent && state != State.PACKETS) {
            // the client stopped before its request was whole: nothing more can come
            state = State.DONE;
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        logEnd(cause.getMessage());
        ctx.close();
    }
}
