package dev.vtool.engine.freedom;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.transport.IdleDatagramSocket;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFuture;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.DatagramPacket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

/** A UDP flow sent directly from one local socket; closes itself after {@code connIdle} without traffic. */
final class FreedomPackets implements PacketConnection {
    private final EngineContext context;
    private final EventLoop loop;
    private final Session session;
    private final FreedomOutbound outbound;
    private final ChannelFuture bound;
    private boolean blockLogged;

    FreedomPackets(EngineContext context, EventLoop loop, Session session, PacketReceiver back,
                   FreedomOutbound outbound) {
        this.context = context;
        this.loop = loop;
        this.session = session;
        this.outbound = outbound;
        this.bound = IdleDatagramSocket.bind(context.dialer(), loop, session.policy().connIdle(), back);
    }

    @Override
    public void send(Destination destination, ByteBuf payload) {
        Destination original = outbound.target(destination);
        if (!original.isDomain()) {
            sendTo(original, payload);
            return;
        }
        outbound.useIp(session, original, loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            Destination resolved = ((io.netty.util.concurrent.Future<Destination>) f).getNow();
            sendTo(resolved, payload);
        });
    }

    private void sendTo(Destination target, ByteBuf payload) {
        InetAddress ip = target.ipOrNull();
        if (ip != null) {
            write(new InetSocketAddress(ip, target.port()), payload);
            return;
        }
        context.dialer().resolver().resolve(target.host(), loop).addListener(f -> {
            @SuppressWarnings("unchecked")
            List<InetAddress> all = f.isSuccess() ? ((List<InetAddress>) f.getNow()).stream()
                    .filter(outbound.family()).toList() : List.of();
            if (all.isEmpty()) {
                context.log().info(session.id(), "proxy/freedom", "failed to resolve " + target.host());
                payload.release();
            } else {
                write(new InetSocketAddress(all.get(0), target.port()), payload);
            }
        });
    }

    private void write(InetSocketAddress to, ByteBuf payload) {
        if (outbound.guards(session) && PrivateAddresses.isBlocked(to.getAddress())) {
            if (!blockLogged) {
                blockLogged = true;
                outbound.logBlocked(session, Destination.of(dev.vtool.schema.model.Network.UDP, to), to.getAddress());
            }
            payload.release();
            return;
        }
        bound.addListener(f -> {
            if (f.isSuccess() && bound.channel().isActive()) {
                bound.channel().writeAndFlush(new DatagramPacket(payload, to));
            } else {
                payload.release();
            }
        });
    }

    @Override
    public boolean isOpen() {
        return !bound.isDone() || bound.channel().isOpen();
    }

    @Override
    public void close() {
        bound.addListener(f -> bound.channel().close());
    }
}
