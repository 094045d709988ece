package dev.vtool.engine.reverse;

import dev.vtool.engine.Destination;
import dev.vtool.engine.mux.AcceptedMuxClient;
import dev.vtool.engine.mux.OutgoingPackets;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A client's UDP flow through a portal: one Mux.cool UDP session per destination on a bridge link (4.34
 * binds a session to its New frame's destination; answers carry no address), one datagram per frame. A
 * destination's session lives on its link's loop; answers go back on the caller's loop. When a link
 * closes, the next datagram to that destination picks another link.
 */
final class PortalPackets implements PacketConnection {
    /** 4.34's largest datagram in one frame. */
    private static final int MAX_DATAGRAM = 2048;
    private final Supplier<PortalWorker> picker;
    private final EventLoop loop;
    private final PacketReceiver back;
    private final Map<Destination, Flow> flows = new HashMap<>();
    private volatile boolean open = true;

    PortalPackets(Supplier<PortalWorker> picker, EventLoop loop, PacketReceiver back) {
        this.picker = picker;
        this.loop = loop;
        this.back = back;
    }

    @Override
    public void send(Destination destination, ByteBuf payload) {
        if (!open || payload.readableBytes() > MAX_DATAGRAM) {
            payload.release();
            return;
        }
        Destination d = new Destination(Network.UDP, destination.host(), destination.port());
        Flow f;
        synchronized (flows) {
            f = flows.get(d);
            if (f == null || f.client.isClosed()) {
                PortalWorker w = picker.get();
                if (w == null) {
                    payload.release();
                    return;
                }
                f = new Flow(w.client(), d);
                flows.put(d, f);
            }
        }
        Flow flow = f;
        flow.client.loop().execute(() -> flow.send(payload));
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public void close() {
        open = false;
        List<Flow> all;
        synchronized (flows) {
            all = new ArrayList<>(flows.values());
            flows.clear();
        }
        for (Flow f : all) {
            f.client.loop().execute(f::end);
        }
    }

    private void answer(InetSocketAddress from, ByteBuf data) {
        if (!open) {
            data.release();
            return;
        }
        loop.execute(() -> {
            if (open) {
                back.received(from, data);
            } else {
                data.release();
            }
        });
    }

    /** One destination's session on one link; everything but the constructor runs on the link's loop. */
    private final class Flow {
        final AcceptedMuxClient client;
        final Destination destination;
        final InetSocketAddress from;
        OutgoingPackets packets;

        Flow(AcceptedMuxClient client, Destination destination) {
            this.client = client;
            this.destination = destination;
            this.from = destination.isDomain()
                    ? InetSocketAddress.createUnresolved(destination.host(), destination.port())
                    : new InetSocketAddress(destination.ipOrNull(), destination.port());
        }

        void send(ByteBuf payload) {
            if (!open) {
                payload.release();
                return;
            }
            if (packets == null || packets.isEnded()) {
                // the first datagram, or the bridge ended the session: a new one on the same link
                packets = client.openPackets(destination, data -> answer(from, data));
                if (packets == null) {
                    payload.release();
                    return;
                }
            }
            packets.send(payload);
        }

        void end() {
            if (packets != null) {
                packets.end();
            }
        }
    }
}
