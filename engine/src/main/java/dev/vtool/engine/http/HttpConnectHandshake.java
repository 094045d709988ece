package dev.vtool.engine.http;

import dev.vtool.engine.Destination;
import dev.vtool.engine.transport.ClientHandshake;
import dev.vtool.schema.model.ProxyServer;
import dev.vtool.schema.model.ServerUser;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * The client side of an HTTP CONNECT tunnel: sends the request (with Basic credentials when the server
 * entry has users) and waits for a 2xx answer. A refusal reads like V2Ray's
 * {@code Proxy responded with non 200 code: 407 Proxy Authentication Required}.
 */
final class HttpConnectHandshake extends ClientHandshake {
    private static final int MAX_HEADER = 8192;
    private final ProxyServer server;
    private final Destination target;
    private boolean done;

    HttpConnectHandshake(ProxyServer server, Destination target) {
        this.server = server;
        this.target = target;
    }

    @Override
    public void start(Channel ch) {
        StringBuilder req = new StringBuilder(128);
        String authority = target.hostPort();
        req.append("CONNECT ").append(authority).append(" HTTP/1.1\r\nHost: ").append(authority).append("\r\n");
        if (!server.users().isEmpty()) {
            ServerUser u = server.users().get(0);
            String token = Base64.getEncoder().encodeToString((u.user() + ":" + u.pass())
                    .getBytes(StandardCharsets.UTF_8));
            req.append("Proxy-Authorization: Basic ").append(token).append("\r\n");
        }
        req.append("\r\n");
        ch.writeAndFlush(ByteBufUtil.writeAscii(ch.alloc(), req));
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            out.add(in.readRetainedSlice(in.readableBytes()));
            return;
        }
        int end = ByteBufUtil.indexOf(END, in);
        if (end < 0) {
            if (in.readableBytes() > MAX_HEADER) {
                fail("malformed proxy response");
            }
            return;
        }
        String head = in.toString(in.readerIndex(), end - in.readerIndex(), StandardCharsets.ISO_8859_1);
        in.readerIndex(end + 4);
        String statusLine = head.lines().findFirst().orElse("");
        String[] parts = statusLine.split(" ", 2);
        String status = parts.length > 1 ? parts[1] : statusLine;
        if (!statusLine.startsWith("HTTP/1.") || !status.startsWith("2")) {
            fail("Proxy responded with non 200 code: " + status);
            return;
        }
        done = true;
        accept();
    }

    private static final ByteBuf END = io.netty.buffer.Unpooled.unreleasableBuffer(
            io.netty.buffer.Unpooled.wrappedBuffer("\r\n\r\n".getBytes(StandardCharsets.US_ASCII)));

    private void fail(String why) {
        done = true;
        refuse(why);
    }
}
