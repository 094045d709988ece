package dev.vtool.engine.dns;

import dev.vtool.engine.Destination;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import java.util.function.Consumer;

/**
 * Classic DNS over UDP: one flow to the server through the dispatcher (opened again when it idled out),
 * so routing sees the queries with the DNS tag. A flow routing drops leaves the lookup to time out, as in 4.34.
 */
final class UdpQueryChannel implements QueryChannel {
    private final Destination server;
    private final PacketRoute route;
    private final Consumer<ByteBuf> answers;
    private PacketConnection connection;

    UdpQueryChannel(String host, int port, PacketRoute route, Consumer<ByteBuf> answers) {
        this.server = new Destination(Network.UDP, host, port);
        this.route = route;
        this.answers = answers;
    }

    @Override
    public void send(ByteBuf query) {
        if (connection == null || !connection.isOpen()) {
            connection = route.open(server, (from, payload) -> answers.accept(payload));
        }
        if (connection == null) {
            query.release();
            return;
        }
        connection.send(server, query);
    }

    @Override
    public void close() {
        if (connection != null) {
            connection.close();
        }
    }
}
