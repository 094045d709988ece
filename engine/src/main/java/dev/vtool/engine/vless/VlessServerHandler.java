package dev.vtool.engine.vless;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.mux.MuxServer;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.transport.DatagramsOverStream;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.wire.GluedHeaderEncoder;
import dev.vtool.engine.wire.WireAddress;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.vless.VlessUser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.util.List;

/**
 * One VLESS server connection (docs/spec/protocols.md, sections 4 and 5). With fallbacks the first read
 * decides, as in 4.34: shorter than 18 bytes, a version other than 0 or an unknown UUID goes to the
 * fallback with the first read untouched; once the UUID is known any later error closes. Without
 * fallbacks the header is read as it comes and any error closes.
 */
final class VlessServerHandler extends ByteToMessageDecoder {
    private static final int UUID_END = 17;
    private static final int ADDONS_LENGTH_AT = 17;
    private static final int TCP = 1;
    private static final int UDP = 2;
    private static final int MUX = 3;
    private static final Destination MUX_TARGET = Destination.tcp(MuxServer.DOMAIN, 0);

    private enum State { FIRST, HEADER, PACKETS, DONE }

    private final VlessInbound inbound;
    private final EngineContext context;
    private final Session session;
    private State state = State.FIRST;
    private PacketConnection packets;

    VlessServerHandler(VlessInbound inbound, Session session) {
        this.inbound = inbound;
        this.context = inbound.context();
        this.session = session;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case FIRST -> first(ctx, in);
            case HEADER -> header(ctx, in);
            case PACKETS -> packets(in);
            case DONE -> in.skipBytes(in.readableBytes());
        }
    }

    private void first(ChannelHandlerContext ctx, ByteBuf in) {
        boolean fallback = inbound.fallback().configured();
        int firstLen = in.readableBytes();
        if (fallback) {
            context.log().info(session.id(), VlessInbound.PKG, "firstLen = " + firstLen);
            if (firstLen < UUID_END + 1) {
                toFallback(ctx, in, "fallback directly");
                return;
            }
        } else if (firstLen < UUID_END) {
            if (firstLen > 0 && in.getByte(in.readerIndex()) != 0) {
                reject(ctx, in, "invalid request version");
            }
            return;
        }
        if (in.getByte(in.readerIndex()) != 0) {
            notVless(ctx, in, fallback, "invalid request version");
            return;
        }
        byte[] id = new byte[16];
        in.getBytes(in.readerIndex() + 1, id);
        VlessUser user = inbound.user(java.nio.ByteBuffer.wrap(id));
        if (user == null) {
            notVless(ctx, in, fallback, "invalid request user id");
            return;
        }
        session.userEmail(user.email());
        session.policy(context.policy(user.level()));
        state = State.HEADER;
        header(ctx, in);
    }

    private void notVless(ChannelHandlerContext ctx, ByteBuf in, boolean fallback, String why) {
        if (fallback) {
            toFallback(ctx, in, why);
        } else {
            reject(ctx, in, why);
        }
    }

    private void toFallback(ChannelHandlerContext ctx, ByteBuf in, String why) {
        state = State.DONE;
        inbound.fallback().start(ctx, session, in, why);
    }

    private void header(ChannelHandlerContext ctx, ByteBuf in) {
        int base = in.readerIndex();
        if (in.readableBytes() < ADDONS_LENGTH_AT + 1) {
            return;
        }
        int addons = in.getUnsignedByte(base + ADDONS_LENGTH_AT);
        int commandAt = ADDONS_LENGTH_AT + 1 + addons;
        if (in.readableBytes() < commandAt + 1) {
            return;
        }
        if (addons > 0 && !VlessAddons.wellFormed(in, base + ADDONS_LENGTH_AT + 1, addons)) {
            reject(ctx, in, "failed to unmarshal addons protobuf value");
            return;
        }
        int command = in.getUnsignedByte(base + commandAt);
        if (command == MUX) {
            // a Mux.cool carrier: no address; the dispatcher hands v1.mux.cool to the mux server, as in 4.34
            in.skipBytes(commandAt + 1);
            accepted(ctx, in, command, MUX_TARGET);
            return;
        }
        if (command != TCP && command != UDP) {
            reject(ctx, in, "invalid request address > unknown command " + command);
            return;
        }
        int addr;
        try {
            addr = WireAddress.PORT_FIRST.length(in, commandAt + 1);
        } catch (IllegalArgumentException e) {
            reject(ctx, in, "invalid request address > " + e.getMessage());
            return;
        }
        if (addr < 0 || in.readableBytes() < commandAt + 1 + addr) {
            return;
        }
        in.skipBytes(commandAt + 1);
        Destination target;
        try {
            target = WireAddress.PORT_FIRST.read(in, command == UDP ? Network.UDP : Network.TCP);
        } catch (IllegalArgumentException e) {
            reject(ctx, in, "invalid request address > " + e.getMessage());
            return;
        }
        accepted(ctx, in, command, target);
    }

    private void accepted(ChannelHandlerContext ctx, ByteBuf in, int command, Destination target) {
        HandshakeDeadline.clear(ctx.channel());
        session.destination(target);
        context.log().info(session.id(), VlessInbound.PKG, "received request for " + target);
        ctx.pipeline().addBefore(ctx.name(), "vless-response", GluedHeaderEncoder.response(Unpooled.wrappedBuffer(new byte[] {0, 0})));
        if (command == UDP) {
            startPackets(ctx, in);
            return;
        }
        state = State.DONE;
        ChannelLink link = ChannelLink.takeOver(ctx.channel(), session.policy(), cause -> context.log().info(
                session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + VlessInbound.PKG
                        + ": connection ends > " + cause.getMessage()));
        ctx.pipeline().remove(this); // payload that came with the request flows on into the link
        context.dispatcher().dispatch(session, link);
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String why) {
        state = State.DONE;
        in.skipBytes(in.readableBytes());
        String reason = "v2ray.com/core/proxy/vless/encoding: " + why;
        context.log().access(session.accessFrom(), false, "", "", reason, session.userEmail());
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + VlessInbound.PKG
                + ": invalid request from " + session.accessFrom() + " > " + reason);
        ctx.close();
    }

    /** Command 2: length-prefixed datagrams to the one destination of the request, both ways. */
    private void startPackets(ChannelHandlerContext ctx, ByteBuf in) {
        packets = DatagramsOverStream.start(context, session, ctx, "vless-idle",
                (alloc, from, payload) -> VlessUdpFrame.encode(alloc, payload));
        if (packets == null) {
            state = State.DONE;
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        state = State.PACKETS;
        packets(in);
    }

    private void packets(ByteBuf in) {
        VlessUdpFrame.decode(in, payload -> packets.send(session.destination(), payload));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
        if (evt instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        if (evt instanceof ChannelInputShutdownEvent && state != State.PACKETS) {
            state = State.DONE;
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, evt);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                + VlessInbound.PKG + ": " + cause.getMessage());
        ctx.close();
    }
}
