package dev.vtool.engine.dns.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.IdleDatagramSocket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** The server over UDP: one local socket, bound on first use, closed after the level's connIdle. */
final class UdpUpstream implements DnsUpstream {
    private final EngineContext context;
    private final Session session;
    private final EventLoop loop;
    private final Answers answers;
    private ChannelFuture socket;
    private boolean closed;

    UdpUpstream(EngineContext context, Session session, EventLoop loop, Answers answers) {
        this.context = context;
        this.session = session;
        this.loop = loop;
        this.answers = answers;
    }

    @Override
    public void forward(Destination server, ByteBuf message) {
        InetAddress ip = server.ipOrNull();
        if (ip != null) {
            write(new InetSocketAddress(ip, server.port()), message);
            return;
        }
        context.dialer().resolver().resolve(server.host(), loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> all = f.isSuccess() ? (List<InetAddress>) f.getNow() : List.of();
            if (all.isEmpty()) {
                context.log().warning(session.id(), "proxy/dns", "failed to dial outbound connection > lookup "
                        + server.host() + " failed");
                message.release();
            } else {
                write(new InetSocketAddress(all.get(0), server.port()), message);
            }
        });
    }

    private void write(InetSocketAddress to, ByteBuf message) {
        if (closed) {
            message.release();
            return;
        }
        if (socket == null) {
            socket = IdleDatagramSocket.bind(context.dialer(), loop, session.policy().connIdle(), answers::received);
        }
        ChannelFuture s = socket;
        s.addListener(f -> {
            if (f.isSuccess() && s.channel().isActive()) {
                s.channel().writeAndFlush(new DatagramPacket(message, to));
            } else {
                message.release();
            }
        });
    }

    @Override
    public boolean isOpen() {
        return !closed && (socket == null || !socket.isDone() || socket.channel().isOpen());
    }

    @Override
    public void close() {
        closed = true;
        if (socket != null) {
            ChannelFuture s = socket;
            s.addListener(f -> s.channel().close());
        }
    }
}
