package dev.vtool.engine.vmess.inbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.body.BodyDecoder;
import dev.vtool.engine.vmess.encoding.RequestHeader;
import dev.vtool.engine.vmess.encoding.ServerSession;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.text.V2rayMessages;
import dev.vtool.engine.transport.PacketConnection;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * One VMess server connection: decodes the request header, then (same cumulation) the request body
 * into plain payload for the relay. On a failed handshake it sends nothing: it drains up to the
 * connection's budget when 4.34 would, then closes; the handshake deadline armed by the engine still
 * bounds the wait. The request end chunk is passed on as an input shutdown (half-close).
 */
final class VmessServerHandler extends ByteToMessageDecoder {
    private enum State { HEADER, BODY, PACKETS, DRAIN, DONE }

    private final VmessInbound inbound;
    private final EngineContext context;
    private final Session session;
    private ServerSession server;
    private BodyDecoder body;
    private State state = State.HEADER;
    private int drainLeft;
    private String failure;
    private boolean drainWording;
    private boolean endSignalled;
    private final List<ByteBuf> decoded = new ArrayList<>();
    private PacketConnection packets;

    VmessServerHandler(VmessInbound inbound, Session session) {
        this.inbound = inbound;
        this.context = inbound.context();
        this.session = session;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        server = new ServerSession(inbound.validator(), inbound.history(), System.currentTimeMillis() / 1000, VmessRandom.SYSTEM);
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case HEADER -> {
                RequestHeader request;
                try {
                    request = server.decodeRequestHeader(in);
                } catch (VmessException e) {
                    failed(ctx, e, in);
                    return;
                }
                if (request != null) {
                    accepted(ctx, request, in);
                }
            }
            case BODY -> decodeBody(ctx, in);
            case PACKETS -> decodePackets(ctx, in);
            case DRAIN -> drain(ctx, in);
            case DONE -> in.skipBytes(in.readableBytes());
        }
    }

    private void accepted(ChannelHandlerContext ctx, RequestHeader request, ByteBuf in) {
        HandshakeDeadline.clear(ctx.channel());
        var user = server.user();
        session.userEmail(user.email());
        session.policy(context.policy(user.level()));
        SecurityType security = request.security();
        if (inbound.disableInsecureEncryption() && (security == SecurityType.NONE || security == SecurityType.LEGACY)) {
            String name = security == SecurityType.NONE ? "NONE" : "LEGACY";
            context.log().access(session.accessFrom(), false, "", "", "Insecure encryption", user.email());
            context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                    + VmessInbound.PKG + ": client is using insecure encryption: " + name);
            close(ctx);
            return;
        }
        try {
            body = server.requestBodyDecoder();
        } catch (VmessException e) {
            reject(ctx, e.getMessage(), e.getMessage());
            return;
        }
        boolean udp = request.command() == RequestCommand.UDP;
        Destination destination = new Destination(udp ? Network.UDP : Network.TCP, request.target().host(), request.target().port());
        session.destination(destination);
        if (context.log().enabled(LogLevel.INFO)) {
            context.log().info(session.id(), VmessInbound.PKG, "received request for " + destination);
        }
        ctx.pipeline().addBefore(ctx.name(), "vmess-response", new VmessResponseEncoder(server));
        if (udp) {
            startPackets(ctx, destination, in);
            return;
        }
        ChannelLink link = ChannelLink.takeOver(ctx.channel(), session.policy(), cause -> context.log().info(
                session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + VmessInbound.PKG
                        + ": connection ends > " + cause.getMessage()));
        state = State.BODY;
        decodeBody(ctx, in);
        context.dispatcher().dispatch(session, link);
    }

    private void decodeBody(ChannelHandlerContext ctx, ByteBuf in) {
        boolean end;
        try {
            end = body.decode(in, ctx.alloc(), decoded);
        } catch (VmessException e) {
            payloadFailed(e);
            state = State.DONE;
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        for (ByteBuf b : decoded) {
            ctx.fireChannelRead(b);
        }
        decoded.clear();
        if (end) {
            state = State.DONE;
            in.skipBytes(in.readableBytes());
            ctx.fireChannelReadComplete();
            signalEnd(ctx);
        }
    }

    /**
     * Command 2: each request chunk is one datagram to the header's destination; each answer goes back
     * as one response chunk. The connection lives until the client closes it or it idles out.
     */
    private void startPackets(ChannelHandlerContext ctx, Destination destination, ByteBuf in) {
        Channel ch = ctx.channel();
        packets = context.dispatcher().dispatchPackets(session, ch.eventLoop(), (from, payload) -> {
            if (ch.isActive()) {
                ch.writeAndFlush(payload, ch.voidPromise());
            } else {
                payload.release();
            }
        });
        if (packets == null) {
            close(ctx);
            return;
        }
        PacketConnection flow = packets;
        ch.closeFuture().addListener(f -> flow.close());
        long idle = Math.max(1, session.policy().connIdle().toSeconds());
        ctx.pipeline().addBefore("vmess-response", "vmess-idle", new IdleStateHandler(0, 0, idle, TimeUnit.SECONDS));
        state = State.PACKETS;
        decodePackets(ctx, in);
    }

    private void decodePackets(ChannelHandlerContext ctx, ByteBuf in) {
        boolean end;
        try {
            end = body.decode(in, ctx.alloc(), decoded);
        } catch (VmessException e) {
            payloadFailed(e);
            close(ctx);
            return;
        }
        for (ByteBuf b : decoded) {
            packets.send(session.destination(), b);
        }
        decoded.clear();
        if (end) {
            state = State.DONE;
            in.skipBytes(in.readableBytes());
        }
    }

    /** A body chunk that does not decode (stream or datagram): drop what came before it, log as 4.34 does. */
    private void payloadFailed(VmessException e) {
        releaseDecoded();
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                + VmessInbound.PKG + ": failed to transfer request payload > " + e.getMessage());
    }

    private void signalEnd(ChannelHandlerContext ctx) {
        if (!endSignalled) {
            endSignalled = true;
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    /**
     * Every failure before the session drains to the same budget, so the close point never tells which
     * check failed. 4.34 drains only for its drain() cases and closes at once after an AEAD checksum or
     * field error; vtool keeps 4.34's log wording for those but not the early close.
     */
    private void failed(ChannelHandlerContext ctx, VmessException e, ByteBuf in) {
        String detail = v2rayChain(e.getMessage());
        drainWording = e.drain();
        failure = drainWording
                ? "connection drained DrainSize = " + server.drainDescription() + " > v2ray.com/core/proxy/vmess/encoding: " + detail
                : detail;
        drainLeft = server.drainRemaining();
        state = State.DRAIN;
        drain(ctx, in);
    }

    /** 4.34's error chain: package paths before the validator's own errors. */
    private static String v2rayChain(String message) {
        return message.replace("invalid user > Not Found", "invalid user > v2ray.com/core/proxy/vmess: Not Found")
                .replace("invalid user > ErrTainted", "invalid user > v2ray.com/core/proxy/vmess: ErrTainted");
    }

    private void drain(ChannelHandlerContext ctx, ByteBuf in) {
        int n = Math.min(drainLeft, in.readableBytes());
        in.skipBytes(n);
        drainLeft -= n;
        if (drainLeft == 0) {
            in.skipBytes(in.readableBytes());
            finishRejected(ctx);
        }
    }

    private void finishRejected(ChannelHandlerContext ctx) {
        state = State.DONE;
        HandshakeDeadline.clear(ctx.channel());
        String reason = "v2ray.com/core/proxy/vmess/encoding: " + failure;
        int leftOut = inbound.rejectionLog().admit(System.nanoTime());
        if (leftOut >= 0) {
            context.log().access(session.accessFrom(), false, "", "", reason, "");
            context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + VmessInbound.PKG
                    + ": invalid request from " + session.accessFrom() + " > " + reason
                    + (leftOut > 0 ? " (" + leftOut + " more rejected connections were not logged)" : ""));
        }
        ctx.close();
    }

    private void reject(ChannelHandlerContext ctx, String access, String error) {
        context.log().access(session.accessFrom(), false, "", "", access, session.userEmail());
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + VmessInbound.PKG + ": " + error);
        close(ctx);
    }

    private void close(ChannelHandlerContext ctx) {
        state = State.DONE;
        ctx.channel().close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            switch (state) {
                case HEADER, DRAIN -> {
                    // The peer stopped sending before a verdict (or inside the drain): nothing more can come.
                    if (state == State.HEADER) {
                        server.abandon();
                        // EOF failures go to the error log only, as in 4.34 (rate-limited like every rejection)
                        if (inbound.rejectionLog().admit(System.nanoTime()) >= 0) context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                                + VmessInbound.PKG + ": invalid request from " + session.accessFrom()
                                + " > v2ray.com/core/proxy/vmess/encoding: "
                                + V2rayMessages.causedBy(V2rayMessages.FAILED_TO_READ_REQUEST_HEADER, "EOF"));
                    } else {
                        if (drainWording) {
                            failure = "failed to drain connection DrainSize = " + server.drainDescription() + " > "
                                    + failure.substring(failure.indexOf(" > ") + 3);
                        }
                        finishRejected(ctx);
                        return;
                    }
                    state = State.DONE;
                    ctx.close();
                    return;
                }
                case BODY -> {
                    super.userEventTriggered(ctx, ChannelInputShutdownEvent.INSTANCE);
                    return;
                }
                case PACKETS -> {
                    // answers may still come back: the idle timer or the client's close ends the flow
                    state = State.DONE;
                    return;
                }
                case DONE -> {
                    if (endSignalled) {
                        return; // the end chunk already ended the uplink
                    }
                }
            }
        }
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseDecoded();
    }

    private void releaseDecoded() {
        for (ByteBuf b : decoded) {
            b.release();
        }
        decoded.clear();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                + VmessInbound.PKG + ": " + cause.getMessage());
        ctx.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }
}
