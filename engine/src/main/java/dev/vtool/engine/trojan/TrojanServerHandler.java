package dev.vtool.engine.trojan;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.transport.DatagramsOverStream;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.wire.WireAddress;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.trojan.TrojanUser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * One Trojan server connection (docs/spec/protocols.md, section 3). The verdict comes from the first
 * read alone, as in 4.34: shorter than 58 bytes, no CR at byte 56 or an unknown key means "not Trojan",
 * which goes to the fallback (or is closed when there is none) with the first read untouched. A known
 * user's request is then read whole (it may span reads); a malformed one closes without fallback.
 */
final class TrojanServerHandler extends ByteToMessageDecoder {
    private static final int CRLF = 2;
    private static final int COMMAND_AT = TrojanKey.LENGTH + CRLF;
    private static final int UDP_ASSOCIATE = 3;

    private enum State { FIRST, HEADER, PACKETS, DONE }

    private final TrojanInbound inbound;
    private final EngineContext context;
    private final Session session;
    private State state = State.FIRST;
    private PacketConnection packets;

    TrojanServerHandler(TrojanInbound inbound, Session session) {
        this.inbound = inbound;
        this.context = inbound.context();
        this.session = session;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case FIRST -> first(ctx, in);
            case HEADER -> header(ctx, in);
            case PACKETS -> packets(ctx, in);
            case DONE -> in.skipBytes(in.readableBytes());
        }
    }

    private void first(ChannelHandlerContext ctx, ByteBuf in) {
        int firstLen = in.readableBytes();
        context.log().info(session.id(), TrojanInbound.PKG, "firstLen = " + firstLen);
        if (firstLen < COMMAND_AT || in.getByte(in.readerIndex() + TrojanKey.LENGTH) != '\r') {
            notTrojan(ctx, in, "not trojan protocol");
            return;
        }
        TrojanUser user = inbound.user(in.toString(in.readerIndex(), TrojanKey.LENGTH, StandardCharsets.ISO_8859_1));
        if (user == null) {
            notTrojan(ctx, in, "not a valid user");
            return;
        }
        session.userEmail(user.email());
        session.policy(context.policy(user.level()));
        state = State.HEADER;
        header(ctx, in);
    }

    private void notTrojan(ChannelHandlerContext ctx, ByteBuf in, String why) {
        state = State.DONE;
        if (inbound.fallback().configured()) {
            inbound.fallback().start(ctx, session, in, why);
            return;
        }
        context.log().access(session.accessFrom(), false, "", "", "v2ray.com/core/" + TrojanInbound.PKG + ": " + why, "");
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                + TrojanInbound.PKG + ": " + why);
        in.skipBytes(in.readableBytes());
        ctx.close();
    }

    private void header(ChannelHandlerContext ctx, ByteBuf in) {
        int addr;
        try {
            addr = in.readableBytes() < COMMAND_AT + 1 ? -1 : WireAddress.SOCKS_STYLE.length(in, COMMAND_AT + 1);
        } catch (IllegalArgumentException e) {
            malformed(ctx, in, e.getMessage());
            return;
        }
        if (addr < 0 || in.readableBytes() < COMMAND_AT + 1 + addr + CRLF) {
            return; // the rest of the request is still on its way
        }
        in.skipBytes(COMMAND_AT); // the CR LF after the key is not checked, as in 4.34
        int command = in.readUnsignedByte();
        Destination target;
        try {
            target = WireAddress.SOCKS_STYLE.read(in, command == UDP_ASSOCIATE ? Network.UDP : Network.TCP);
        } catch (IllegalArgumentException e) {
            malformed(ctx, in, e.getMessage());
            return;
        }
        in.skipBytes(CRLF);
        HandshakeDeadline.clear(ctx.channel());
        session.destination(target);
        context.log().info(session.id(), TrojanInbound.PKG, "received request for " + target);
        if (command == UDP_ASSOCIATE) {
            startPackets(ctx, in);
            return;
        }
        state = State.DONE;
        ChannelLink link = ChannelLink.takeOver(ctx.channel(), session.policy(), cause -> context.log().info(
                session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + TrojanInbound.PKG
                        + ": connection ends > " + cause.getMessage()));
        ctx.pipeline().remove(this); // payload that came with the request flows on into the link
        context.dispatcher().dispatch(session, link);
    }

    private void malformed(ChannelHandlerContext ctx, ByteBuf in, String why) {
        state = State.DONE;
        in.skipBytes(in.readableBytes());
        context.log().access(session.accessFrom(), false, "", "", "v2ray.com/core/" + TrojanInbound.PKG
                + ": failed to create request from: " + session.accessFrom() + " > " + why, session.userEmail());
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                + TrojanInbound.PKG + ": failed to create request from: " + session.accessFrom() + " > " + why);
        ctx.close();
    }

    /** Command 3: datagrams to any destination, each framed with its address, until the client closes. */
    private void startPackets(ChannelHandlerContext ctx, ByteBuf in) {
        packets = DatagramsOverStream.start(context, session, ctx, "trojan-idle",
                (alloc, from, payload) -> TrojanUdpFrame.encode(alloc, Destination.of(Network.UDP, from), payload));
        if (packets == null) {
            state = State.DONE;
            in.skipBytes(in.readableBytes());
            ctx.close();
            return;
        }
        state = State.PACKETS;
        packets(ctx, in);
    }

    private void packets(ChannelHandlerContext ctx, ByteBuf in) {
        try {
            TrojanUdpFrame.decode(in, (to, payload) -> packets.send(to, payload));
        } catch (IllegalArgumentException e) {
            state = State.DONE;
            in.skipBytes(in.readableBytes());
            context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                    + TrojanInbound.PKG + ": " + e.getMessage());
            ctx.close();
        }
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
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/"
                + TrojanInbound.PKG + ": " + cause.getMessage());
        ctx.close();
    }
}
