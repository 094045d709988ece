package dev.vtool.engine.transport;

import dev.vtool.schema.transport.SecuritySettings;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.util.List;

/**
 * A security layer ({@code streamSettings.security}: {@code tls}) that transports apply to their
 * connections, registered by a {@link TransportProvider} under its name. Both sides put the layer at the
 * head of the pipeline they are given; the transport adds its own framing after it.
 */
public interface SecurityLayer {
    /** The name {@code streamSettings.security} selects ({@code tls}). */
    String name();

    /**
     * Adds the server side to an accepted connection, before anything reads from it.
     *
     * @param nextProtocols the ALPN the transport offers when the settings name none (tcp: {@code h2})
     */
    void server(Channel channel, SecuritySettings settings, List<String> nextProtocols);

    /**
     * Adds the client side to a connected channel; the future completes with the channel once it carries
     * plain bytes (the handshake is done), or fails with the reason.
     *
     * @param target        the destination dialled (its domain is the server name when the settings name none)
     * @param nextProtocols the ALPN the transport offers when the settings name none
     */
    Future<Channel> client(Channel channel, SecuritySettings settings, DialTarget target, List<String> nextProtocols);
}
