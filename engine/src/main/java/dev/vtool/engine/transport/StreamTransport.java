package dev.vtool.engine.transport;

import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;

/**
 * One network of {@code streamSettings} on the engine side ({@code tcp}; later mkcp, websocket, http,
 * domainsocket, quic), in its own package, registered by a {@link TransportProvider}. It carries streams
 * and nothing else: a proxy gets a channel whose pipeline reads and writes the stream's plain bytes and
 * never learns how they travelled. The transport applies the security layer ({@code tls}) where its own
 * framing needs it (under the HTTP codec for websocket, right on the socket for tcp). A transport with
 * its own framing also says how the carried stream half-closes ({@link OutputShutdown#set}) and fires
 * {@link io.netty.channel.socket.ChannelInputShutdownEvent} when the peer's side ends.
 */
public interface StreamTransport {
    /** The canonical network name the config side gives it ({@code tcp}, {@code mkcp}, {@code websocket}, ...). */
    String network();

    /**
     * Starts listening at the request's address. The future holds the listening channel (closing it stops
     * the listener) or fails with a message worded as 4.34 words it ({@code failed to listen TCP on ...}).
     * Each accepted connection goes to {@link ConnectionAcceptor#admit} first and, once the transport's own
     * layers are in its pipeline, to {@link ConnectionAcceptor#carried}.
     */
    Future<Channel> listen(ListenRequest request);

    /**
     * Opens a stream to the request's target on the request's event loop. The future holds a channel
     * with auto-read off whose pipeline reads and writes plain stream bytes (the outbound adds its codec
     * after the transport's handlers), or fails with Go's wording ({@code dial tcp 1.2.3.4:5: connect: ...}).
     */
    Future<Channel> dial(DialRequest request);
}
