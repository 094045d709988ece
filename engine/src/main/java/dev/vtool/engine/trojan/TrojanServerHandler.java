package dev.vtool.engine.trojan;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.fallback.FallbackServerHandler;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.wire.WireAddress;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.trojan.TrojanUser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;

/**
 * One Trojan server connection (docs/spec/protocols.md, section 3). The verdict comes from the first
 * read alone, as in 4.34: shorter than 58 bytes, no CR at byte 56 or an unknown key means "not Trojan",
 * which goes to the fallback (or is closed when there is none) with the first read untouched. A known
 * user's request is then read whole (it may span reads); a malformed one closes without fallback.
 */
final class TrojanServerHandler extends FallbackServerHandler {
    private static final int CRLF = 2;
    private static final int COMMAND_AT = TrojanKey.LENGTH + CRLF;
    private static final int UDP_ASSOCIATE = 3;

    private final TrojanInbound inbound;

    TrojanServerHandler(TrojanInbound inbound, Session session) {
        super(inbound.context(), session, TrojanInbound.PKG);
        this.inbound = inbound;
    }

    @Override
    protected void first(ChannelHandlerContext ctx, ByteBuf in) {
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
        logEnd(why);
        closeNow(ctx, in);
    }

    @Override
    protected void header(ChannelHandlerContext ctx, ByteBuf in) {
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
            // command 3: datagrams to any destination, each framed with its address, until the client closes
            startPackets(ctx, in, "trojan-idle",
                    (alloc, from, payload) -> TrojanUdpFrame.encode(alloc, Destination.of(Network.UDP, from), payload));
            return;
        }
        dispatchStream(ctx);
    }

    private void malformed(ChannelHandlerContext ctx, ByteBuf in, String why) {
        String failed = "failed to create request from: " + session.accessFrom() + " > " + why;
        context.log().access(session.accessFrom(), false, "", "", "v2ray.com/core/" + TrojanInbound.PKG + ": " + failed,
                session.userEmail());
        logEnd(failed);
        closeNow(ctx, in);
    }

    @Override
    protected void packets(ChannelHandlerContext ctx, ByteBuf in) {
        try {
            TrojanUdpFrame.decode(in, (to, payload) -> packets.send(to, payload));
        } catch (IllegalArgumentException e) {
            logEnd(e.getMessage());
            closeNow(ctx, in);
        }
    }
}
