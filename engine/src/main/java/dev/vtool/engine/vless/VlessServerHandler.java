package dev.vtool.engine.vless;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.fallback.FallbackServerHandler;
import dev.vtool.engine.mux.MuxServer;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.engine.wire.GluedHeaderEncoder;
import dev.vtool.engine.wire.WireAddress;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.vless.VlessUser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;

/**
 * One VLESS server connection (docs/spec/protocols.md, sections 4 and 5). With fallbacks the first read
 * decides, as in 4.34: shorter than 18 bytes, a version other than 0 or an unknown UUID goes to the
 * fallback with the first read untouched; once the UUID is known any later error closes. Without
 * fallbacks the header is read as it comes and any error closes.
 */
final class VlessServerHandler extends FallbackServerHandler {
    private static final int UUID_END = 17;
    private static final int ADDONS_LENGTH_AT = 17;
    private static final int TCP = 1;
    private static final int UDP = 2;
    private static final int MUX = 3;
    private static final Destination MUX_TARGET = Destination.tcp(MuxServer.DOMAIN, 0);

    private final VlessInbound inbound;

    VlessServerHandler(VlessInbound inbound, Session session) {
        super(inbound.context(), session, VlessInbound.PKG);
        this.inbound = inbound;
    }

    @Override
    protected void first(ChannelHandlerContext ctx, ByteBuf in) {
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

    @Override
    protected void header(ChannelHandlerContext ctx, ByteBuf in) {
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
            // command 2: length-prefixed datagrams to the one destination of the request, both ways
            startPackets(ctx, in, "vless-idle", (alloc, from, payload) -> VlessUdpFrame.encode(alloc, payload));
            return;
        }
        dispatchStream(ctx);
    }

    private void reject(ChannelHandlerContext ctx, ByteBuf in, String why) {
        String reason = "v2ray.com/core/proxy/vless/encoding: " + why;
        context.log().access(session.accessFrom(), false, "", "", reason, session.userEmail());
        logEnd("invalid request from " + session.accessFrom() + " > " + reason);
        closeNow(ctx, in);
    }

    @Override
    protected void packets(ChannelHandlerContext ctx, ByteBuf in) {
        VlessUdpFrame.decode(in, payload -> packets.send(session.destination(), payload));
    }
}
