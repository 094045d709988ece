package dev.vtool.engine.socks;

import dev.vtool.engine.Destination;
import dev.vtool.engine.transport.ClientHandshake;
import dev.vtool.schema.model.ProxyServer;
import dev.vtool.schema.model.ServerUser;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The client side of a SOCKS5 CONNECT: greeting (no-auth, or user/password when the server entry has
 * users), authentication, request, reply. Errors use V2Ray's words ({@code server rejects account: N},
 * {@code server rejects request: N}, {@code unexpected server version: N}, {@code auth method not supported.}).
 */
final class SocksClientHandshake extends ClientHandshake {
    private enum State { METHOD, AUTH, REPLY, DONE }

    static final int CONNECT = 1;
    static final int UDP_ASSOCIATE = 3;

    private final ProxyServer server;
    private final Destination target;
    private final int command;
    private State state = State.METHOD;
    private Destination bound;

    SocksClientHandshake(ProxyServer server, Destination target) {
        this(server, target, CONNECT);
    }

    SocksClientHandshake(ProxyServer server, Destination target, int command) {
        this.server = server;
        this.target = target;
        this.command = command;
    }

    /** BND.ADDR/BND.PORT of the server's reply (for UDP ASSOCIATE: where to send datagrams). */
    Destination bound() {
        return bound;
    }

    @Override
    public void start(Channel ch) {
        ByteBuf hello = ch.alloc().buffer(3);
        hello.writeByte(5).writeByte(1).writeByte(server.users().isEmpty() ? 0 : 2);
        ch.writeAndFlush(hello);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        switch (state) {
            case METHOD -> {
                if (in.readableBytes() < 2) {
                    return;
                }
                int version = in.readUnsignedByte();
                int method = in.readUnsignedByte();
                if (version != 5) {
                    fail("unexpected server version: " + version);
                    return;
                }
                if (method == 2 && !server.users().isEmpty()) {
                    ServerUser u = server.users().get(0);
                    byte[] user = u.user().getBytes(StandardCharsets.UTF_8);
                    byte[] pass = u.pass().getBytes(StandardCharsets.UTF_8);
                    ByteBuf auth = ctx.alloc().buffer(3 + user.length + pass.length);
                    auth.writeByte(1).writeByte(user.length).writeBytes(user).writeByte(pass.length).writeBytes(pass);
                    ctx.writeAndFlush(auth);
                    state = State.AUTH;
                } else if (method == 0 && server.users().isEmpty()) {
                    sendRequest(ctx);
                } else {
                    fail("auth method not supported.");
                }
            }
            case AUTH -> {
                if (in.readableBytes() < 2) {
                    return;
                }
                in.skipBytes(1);
                int status = in.readUnsignedByte();
                if (status != 0) {
                    fail("server rejects account: " + status);
                    return;
                }
                sendRequest(ctx);
            }
            case REPLY -> {
                if (in.readableBytes() < 5) {
                    return;
                }
                int start = in.readerIndex();
                int atyp = in.getUnsignedByte(start + 3);
                int addrLen = atyp == 1 ? 4 : atyp == 4 ? 16 : atyp == 3 ? 1 + in.getUnsignedByte(start + 4) : -1;
                if (addrLen < 0) {
                    fail("unknown address type " + atyp);
                    return;
                }
                if (in.readableBytes() < 4 + addrLen + 2) {
                    return;
                }
                int status = in.getUnsignedByte(start + 1);
                in.skipBytes(3);
                bound = SocksAddress.read(in, dev.vtool.schema.model.Network.UDP);
                if (status != 0) {
                    fail("server rejects request: " + status);
                    return;
                }
                state = State.DONE;
                accept();
            }
            case DONE -> out.add(in.readRetainedSlice(in.readableBytes()));
        }
    }

    private void sendRequest(ChannelHandlerContext ctx) {
        ByteBuf req = ctx.alloc().buffer(8 + target.host().length());
        req.writeByte(5).writeByte(command).writeByte(0);
        SocksAddress.write(req, target);
        ctx.writeAndFlush(req);
        state = State.REPLY;
    }

    private void fail(String why) {
        state = State.DONE;
        refuse(why);
    }
}
