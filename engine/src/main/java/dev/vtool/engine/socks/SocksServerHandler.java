package dev.vtool.engine.socks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.HandshakeDeadline;
import dev.vtool.schema.model.Account;
import dev.vtool.schema.protocol.socks.SocksInboundSettings;
import dev.vtool.schema.text.V2rayMessages;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.socksx.SocksMessage;
import io.netty.handler.codec.socksx.v4.DefaultSocks4CommandResponse;
import io.netty.handler.codec.socksx.v4.Socks4CommandRequest;
import io.netty.handler.codec.socksx.v4.Socks4CommandStatus;
import io.netty.handler.codec.socksx.v4.Socks4CommandType;
import io.netty.handler.codec.socksx.v5.DefaultSocks5CommandResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5InitialResponse;
import io.netty.handler.codec.socksx.v5.DefaultSocks5PasswordAuthResponse;
import io.netty.handler.codec.socksx.v5.Socks5AddressType;
import io.netty.handler.codec.socksx.v5.Socks5AuthMethod;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import io.netty.handler.codec.socksx.v5.Socks5CommandStatus;
import io.netty.handler.codec.socksx.v5.Socks5CommandType;
import io.netty.handler.codec.socksx.v5.Socks5InitialRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequest;
import io.netty.handler.codec.socksx.v5.Socks5PasswordAuthRequestDecoder;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * The SOCKS server handshake for one connection: authentication as configured, then CONNECT (dispatched)
 * or UDP ASSOCIATE (answered with the UDP address; the TCP connection then just keeps the association
 * alive). Like V2Ray, CONNECT is answered with success before the outbound connects.
 */
final class SocksServerHandler extends SimpleChannelInboundHandler<SocksMessage> {
    private static final String PKG = "proxy/socks";
    private final SocksInboundSettings settings;
    private final EngineContext context;
    private final Session session;
    private final UdpAssociations associations;
    /** Set once the handshake ended one way or another; a close before that is a truncated request. */
    private boolean settled;

    SocksServerHandler(SocksInboundSettings settings, EngineContext context, Session session,
                       UdpAssociations associations) {
        this.associations = associations;
        this.settings = settings;
        this.context = context;
        this.session = session;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, SocksMessage msg) {
        if (msg.decoderResult().isFailure()) {
            reject(ctx, V2rayMessages.causedBy(V2rayMessages.FAILED_TO_READ_REQUEST, readFailure(msg.decoderResult().cause())));
            return;
        }
        if (msg instanceof Socks4CommandRequest r) {
            socks4(ctx, r);
        } else if (msg instanceof Socks5InitialRequest r) {
            greeting(ctx, r);
        } else if (msg instanceof Socks5PasswordAuthRequest r) {
            password(ctx, r);
        } else if (msg instanceof Socks5CommandRequest r) {
            command(ctx, r);
        } else {
            ctx.close();
        }
    }

    private void socks4(ChannelHandlerContext ctx, Socks4CommandRequest r) {
        if (settings.passwordAuth()) {
            ctx.writeAndFlush(new DefaultSocks4CommandResponse(Socks4CommandStatus.REJECTED_OR_FAILED));
            reject(ctx, "socks 4 is not allowed when auth is required.");
            return;
        }
        if (r.type() != Socks4CommandType.CONNECT) {
            ctx.writeAndFlush(new DefaultSocks4CommandResponse(Socks4CommandStatus.REJECTED_OR_FAILED));
            reject(ctx, "unsupported command: " + r.type().byteValue());
            return;
        }
        ctx.writeAndFlush(new DefaultSocks4CommandResponse(Socks4CommandStatus.SUCCESS));
        connect(ctx, Destination.tcp(r.dstAddr(), r.dstPort()));
    }

    private void greeting(ChannelHandlerContext ctx, Socks5InitialRequest r) {
        Socks5AuthMethod want = settings.passwordAuth() ? Socks5AuthMethod.PASSWORD : Socks5AuthMethod.NO_AUTH;
        if (!r.authMethods().contains(want)) {
            ctx.writeAndFlush(new DefaultSocks5InitialResponse(Socks5AuthMethod.UNACCEPTED));
            reject(ctx, "no matching auth method");
            return;
        }
        ctx.pipeline().replace("socks-decoder", "socks-decoder",
                want == Socks5AuthMethod.PASSWORD ? new Socks5PasswordAuthRequestDecoder()
                        : new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5InitialResponse(want));
    }

    private void password(ChannelHandlerContext ctx, Socks5PasswordAuthRequest r) {
        boolean ok = false;
        for (Account a : settings.accounts()) {
            if (a.user().equals(r.username()) && a.pass().equals(r.password())) {
                ok = true;
                break;
            }
        }
        if (!ok) {
            ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(
                    io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus.FAILURE));
            reject(ctx, "invalid username or password");
            return;
        }
        ctx.pipeline().replace("socks-decoder", "socks-decoder", new Socks5CommandRequestDecoder());
        ctx.writeAndFlush(new DefaultSocks5PasswordAuthResponse(
                io.netty.handler.codec.socksx.v5.Socks5PasswordAuthStatus.SUCCESS));
    }

    private void command(ChannelHandlerContext ctx, Socks5CommandRequest r) {
        if (r.type() == Socks5CommandType.CONNECT) {
            ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, Socks5AddressType.IPv4));
            connect(ctx, Destination.tcp(r.dstAddr(), r.dstPort()));
        } else if (r.type() == Socks5CommandType.UDP_ASSOCIATE && settings.udp()) {
            associate(ctx);
        } else {
            ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.COMMAND_UNSUPPORTED,
                    Socks5AddressType.IPv4));
            reject(ctx, (r.type() == Socks5CommandType.UDP_ASSOCIATE ? "UDP is not enabled."
                    : r.type() == Socks5CommandType.BIND ? "TCP bind is not supported."
                    : "unknown command " + r.type().byteValue()));
        }
    }

    private void connect(ChannelHandlerContext ctx, Destination dest) {
        settled = true;
        HandshakeDeadline.clear(ctx.channel());
        session.destination(dest);
        context.log().info(session.id(), PKG, "TCP Connect request to " + dest);
        ChannelLink link = ChannelLink.takeOver(ctx.channel(), session.policy(), cause -> context.log().info(
                session.id(), PKG, "connection ends > " + cause.getMessage()));
        ctx.pipeline().remove("socks-encoder");
        ctx.pipeline().remove("socks-decoder");
        ctx.pipeline().remove(this);
        context.dispatcher().dispatch(session, link);
    }

    /** Answers with the UDP address (the {@code ip} setting or our local address) and our port. */
    private void associate(ChannelHandlerContext ctx) {
        settled = true;
        HandshakeDeadline.clear(ctx.channel());
        InetSocketAddress local = (InetSocketAddress) ctx.channel().localAddress();
        String ip = settings.ip() != null ? settings.ip() : local.getAddress().getHostAddress();
        Socks5AddressType type = ip.contains(":") ? Socks5AddressType.IPv6 : Socks5AddressType.IPv4;
        // registered before the answer: the client may send its first datagram as soon as it reads it
        InetAddress client = session.source().getAddress();
        associations.open(client);
        ctx.channel().closeFuture().addListener(f -> associations.close(client));
        ctx.writeAndFlush(new DefaultSocks5CommandResponse(Socks5CommandStatus.SUCCESS, type, ip, local.getPort()));
        context.log().info(session.id(), PKG, "client UDP connection from " + session.source());
        ctx.pipeline().remove("socks-decoder");
        ctx.pipeline().remove("socks-encoder");
        // From now on the TCP connection only marks the association's lifetime; discard what it carries.
        ctx.pipeline().replace(this, "socks-udp-keeper", new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext c, Object m) {
                io.netty.util.ReferenceCountUtil.release(m);
            }

            @Override
            public void userEventTriggered(ChannelHandlerContext c, Object evt) {
                // the client's FIN ends the association (half-closure is on for accepted channels)
                if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent) {
                    c.close();
                }
            }
        });
    }

    /**
     * Ends the connection with V2Ray's words: the access line carries the handshake error
     * ({@code tcp:IP:PORT rejected  v2ray.com/core/proxy/socks: insufficient header > EOF}), the error log
     * the whole chain ({@code connection ends > proxy/socks: failed to read request > proxy/socks: ...}).
     *
     * @param reason the socks error without its package prefix
     */
    /**
     * Netty's SOCKS5 decoder passes a domain through IDN.toASCII, which throws for a label over 63
     * characters or a name over 255: say what is wrong with the request, not which Java exception it was.
     */
    static String readFailure(Throwable cause) {
        Throwable c = cause;
        while (c instanceof io.netty.handler.codec.DecoderException && c.getCause() != null) {
            c = c.getCause();
        }
        if (c instanceof IllegalArgumentException) {
            return "invalid destination domain name (a label over 63 or a name over 255 characters)";
        }
        return String.valueOf(c.getMessage());
    }

    void reject(ChannelHandlerContext ctx, String reason) {
        if (settled) {
            ctx.close();
            return;
        }
        settled = true;
        HandshakeDeadline.clear(ctx.channel());
        String error = "v2ray.com/core/" + PKG + ": " + reason;
        context.log().access(session.accessFrom(), false, "", "", error, "");
        context.log().info(session.id(), "app/proxyman/inbound", "connection ends > v2ray.com/core/" + PKG
                + ": " + V2rayMessages.causedBy(V2rayMessages.FAILED_TO_READ_REQUEST, error));
        ctx.channel().writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        // half-closure is allowed on accepted channels, so a client that gives up shows as input shutdown
        if (evt instanceof io.netty.channel.socket.ChannelInputShutdownEvent && !settled) {
            reject(ctx, "insufficient header > EOF");
        }
        ctx.fireUserEventTriggered(evt);
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        if (!settled && !HandshakeDeadline.expired(ctx.channel())) {
            reject(ctx, "insufficient header > EOF");
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        reject(ctx, V2rayMessages.causedBy(V2rayMessages.FAILED_TO_READ_REQUEST, cause.getMessage()));
    }
}
