package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * A UDP flow through mux: a Mux.cool UDP session per destination (4.34 binds a session to its New
 * frame's destination, and answers carry no address), one datagram per frame.
 */
final class ClientPackets implements PacketConnection {
    private final MuxClient client;
    private final Session session;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final Map<Destination, Flow> flows = new HashMap<>();
    private volatile boolean open = true;

    ClientPackets(MuxClient client, Session session, EventLoop loop, PacketReceiver back) {
        this.client = client;
        this.session = session;
        this.loop = loop;
        this.back = back;
    }

    @Override
    public void send(Destination destination, ByteBuf payload) {
        if (!loop.inEventLoop()) {
            loop.execute(() -> send(destination, payload));
            return;
        }
        if (!open || payload.readableBytes() > MuxFrame.MAX_DATAGRAM) {
            payload.release();
            return;
        }
        Destination d = new Destination(Network.UDP, destination.host(), destination.port());
        Flow f = flows.get(d);
        if (f == null || f.ended) {
            ClientConnection c = client.pick(loop, session);
            f = new Flow(c, c.nextId(), d);
            c.add(f);
            flows.put(d, f);
            c.send(MuxFrames.open(c.alloc(), f.id, d, payload));
        } else {
            f.conn.send(MuxFrames.keep(f.conn.alloc(), f.id, payload));
        }
        f.conn.flush();
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        if (!loop.inEventLoop()) {
            loop.execute(this::close);
            return;
        }
        open = false;
        for (Flow f : new ArrayList<>(flows.values())) {
            if (!f.ended) {
                f.ended = true;
                f.conn.send(MuxFrames.end(f.conn.alloc(), f.id, false));
                f.conn.flush();
                f.conn.remove(f);
            }
        }
        flows.clear();
    }

    /** One destination's session. */
    private final class Flow implements MuxSession {
        final ClientConnection conn;
        final int id;
        final Destination destination;
        final InetSocketAddress from;
        boolean ended;

        Flow(ClientConnection conn, int id, Destination destination) {
            this.conn = conn;
            this.id = id;
            this.destination = destination;
            this.from = destination.isDomain()
                    ? InetSocketAddress.createUnresolved(destination.host(), destination.port())
                    : new InetSocketAddress(destination.ipOrNull(), destination.port());
        }

        @Override
        public int id() {
            return id;
        }

        @Override
        public boolean packets() {
            return true;
        }

        @Override
        public void received(ByteBuf data) {
            if (ended || !open) {
                data.release();
                return;
            }
            back.received(from, data);
        }

        @Override
        public void flushReceived() {
        }

        @Override
        public void remoteEnded(boolean error) {
            ended = true;
            conn.remove(this);
        }

        @Override
        public void abort() {
            ended = true;
        }

        @Override
        public void carrierWritable() {
        }
    }
}
