package dev.vtool.engine.blackhole;

import dev.vtool.engine.Destination;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.EventLoop;
import java.nio.charset.StandardCharsets;

/** Drops everything: closes the connection at once, or first answers with V2Ray's 403 page. */
final class BlackholeOutbound implements OutboundHandler {
    /** The exact bytes of V2Ray's {@code proxy/blackhole} HTTP response. */
    static final byte[] HTTP_403 = ("HTTP/1.1 403 Forbidden\r\nConnection: close\r\n"
            + "Cache-Control: max-age=3600, public\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);

    private final boolean httpResponse;

    BlackholeOutbound(boolean httpResponse) {
        this.httpResponse = httpResponse;
    }

    @Override
    public void dispatch(Session session, Link link) {
        if (httpResponse) {
            link.respondAndClose(Unpooled.wrappedBuffer(HTTP_403));
        } else {
            link.close();
        }
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        return new PacketConnection() {
            private boolean open = true;

            @Override
            public void send(Destination destination, ByteBuf payload) {
                payload.release();
            }

            @Override
            public boolean isOpen() {
                return open;
            }

            @Override
            public void close() {
                open = false;
            }
        };
    }
}
