package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.util.ArrayList;
import java.util.List;

/**
 * One Shadowsocks server connection: the salt, then the address header read from the decrypted stream
 * (it may span chunks or share one with data), then the request body as plain payload for the relay.
 * A request that fails before its header is complete (bad salt or key, bad address, replayed salt) gets
 * 4.34's anti-probing answer: nothing is sent, the server reads on until the per-key drain budget is
 * used up (counted from the connection start) and then closes; a client that stops sending waits for
 * the handshake deadline. A chunk of length 0 ends the request stream (half-close).
 */
final class SsServerHandler extends ByteToMessageDecoder {
    private enum State { HEADER, BODY, DRAIN, DONE }

    private final ShadowsocksInbound inbound;
    private final EngineContext context;
    private final Session session;
    private final SsStreamDecoder decoder;
    private final List<ByteBuf> decoded = new ArrayList<>();
    private ByteBuf header;
    private State state = State.HEADER;
    private long drainLeft;
    private String failure;
    private boolean endSignalled;
    /** The request ended (a length-0 chunk) in the same bytes that completed the header. */
    private boolean signalEndAfterAccept;

    SsServerHandler(ShadowsocksInbound inbound, Session session) {
        this.inbound = inbound;
        this.context = inbound.context();
        this.session = session;
        this.decoder = inbound.newRequestDecoder();
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case HEADER -> decodeHeader(ctx, in);
            case BODY -> decodeBody(ctx, in);
            case DRAIN -> drain(ctx, in);
            case DONE -> in.skipBytes(in.readableBytes());
        }
    }

    private void decodeHeader(ChannelHandlerContext ctx, ByteBuf in) {
        Destination destination;
        try {
            boolean end = decoder.decode(in, ctx.alloc(), decoded);
            for (ByteBuf b : decoded) {
                if (header == null) {
                    header = ctx.alloc().heapBuffer(b.readableBytes());
                }
                header.writeBytes(b);
                b.release();
            }
            decoded.clear();
            if (header == null || SsAddress.length(header) == 0) {
                if (end) {
                    failed(ctx, in, "failed to read address > EOF");
                }
                return;
            }
            destination = SsAddress.read(header, Network.TCP);
            if (end) {
                signalEndAfterAccept = true;
            }
        } catch (SsException e) {
            failed(ctx, in, e.getMessage().equals("replayed salt") ? e.getMessage()
                    : decoder.hasSalt() ? "failed to read address > " + e.getMessage()
                    : "failed to read IV > " + e.getMessage());
            return;
        }
        accepted(ctx, destination, in);
    }

    private void accepted(ChannelHandlerContext ctx, Destination destination, ByteBuf in) {
        HandshakeDeadline.clear(ctx.channel());
        session.destination(destination);
        context.log().info(session.id(), ShadowsocksInbound.PKG, "tunnelling request to " + destination);
        ChannelLink link = ChannelLink.takeOver(ctx.channel(), session.policy(), cause -> context.log().info(
                session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + ShadowsocksInbound.PKG
                        + ": connection ends > " + cause.getMessage()));
        ctx.pipeline().addBefore(ctx.name(), "ss-response", new SsResponseEncoder(inbound.newResponseEncoder()));
        state = State.BODY;
        ByteBuf rest = header;
        header = null;
        if (rest.isReadable()) {
            ctx.fireChannelRead(rest);
        } else {
            rest.release();
        }
        if (signalEndAfterAccept) {
            finishBody(ctx, in);
        } else {
            decodeBody(ctx, in);
        }
        context.dispatcher().dispatch(session, link);
    }

    private void decodeBody(ChannelHandlerContext ctx, ByteBuf in) {
        boolean end;
        try {
            end = decoder.decode(in, ctx.alloc(), decoded);
        } catch (SsException e) {
            releaseDecoded();
            context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                    + ShadowsocksInbound.PKG + ": connection ends > failed to transport all TCP request > " + e.getMessage());
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
            finishBody(ctx, in);
        }
    }

    private void finishBody(ChannelHandlerContext ctx, ByteBuf in) {
        state = State.DONE;
        in.skipBytes(in.readableBytes());
        ctx.fireChannelReadComplete();
        if (!endSignalled) {
            endSignalled = true;
            ctx.fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        }
    }

    /** Reads on to the drain budget (bytes counted from the connection start), then closes. */
    private void failed(ChannelHandlerContext ctx, ByteBuf in, String why) {
        releaseHeader();
        failure = "failed to create request from: " + session.accessFrom() + " > v2ray.com/core/"
                + ShadowsocksInbound.PKG + ": " + why;
        drainLeft = inbound.drainBudget() - decoder.consumed();
        state = State.DRAIN;
        drain(ctx, in);
    }

    private void drain(ChannelHandlerContext ctx, ByteBuf in) {
        int n = (int) Math.min(Math.max(drainLeft, 0), in.readableBytes());
        in.skipBytes(n);
        drainLeft -= n;
        if (drainLeft <= 0) {
            in.skipBytes(in.readableBytes());
            finishRejected(ctx);
        }
    }

    private void finishRejected(ChannelHandlerContext ctx) {
        state = State.DONE;
        HandshakeDeadline.clear(ctx.channel());
        int leftOut = inbound.rejectionLog().admit(System.nanoTime());
        if (leftOut >= 0) {
            context.log().access(session.accessFrom(), false, "", "", failure, "");
            context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                    + ShadowsocksInbound.PKG + ": " + failure
                    + (leftOut > 0 ? " (" + leftOut + " more rejected connections were not logged)" : ""));
        }
        ctx.close();
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof ChannelInputShutdownEvent) {
            switch (state) {
                case HEADER -> {
                    // the client stopped before its header was complete: 4.34 gets EOF and drains nothing more
                    failure = "failed to create request from: " + session.accessFrom() + " > v2ray.com/core/"
                            + ShadowsocksInbound.PKG + ": " + (decoder.hasSalt() ? "failed to read address > EOF"
                            : "failed to read IV > EOF");
                    releaseHeader();
                    finishRejected(ctx);
                    return;
                }
                case DRAIN -> {
                    finishRejected(ctx);
                    return;
                }
                case BODY -> {
                    super.userEventTriggered(ctx, ChannelInputShutdownEvent.INSTANCE);
                    return;
                }
                case DONE -> {
                    if (endSignalled) {
                        return;
                    }
                }
            }
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        releaseDecoded();
        releaseHeader();
    }

    private void releaseHeader() {
        if (header != null) {
            header.release();
            header = null;
        }
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
                + ShadowsocksInbound.PKG + ": " + cause.getMessage());
        ctx.close();
    }
}
