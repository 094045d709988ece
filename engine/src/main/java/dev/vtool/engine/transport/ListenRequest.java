package dev.vtool.engine.transport;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.transport.StreamSettings;
import io.netty.channel.EventLoopGroup;
import java.net.SocketAddress;

/**
 * One listener for a {@link StreamTransport}.
 *
 * @param address  an {@link java.net.InetSocketAddress}, or a unix socket address for transports that listen there
 * @param security the layer {@code settings} selects, or null for none
 * @param policy   the inbound's policy (its buffer size sets the write water marks)
 */
public record ListenRequest(EventLoopGroup boss, EventLoopGroup workers, SocketAddress address,
                            StreamSettings settings, SecurityLayer security, LevelPolicy policy,
                            ConnectionAcceptor acceptor, EngineLog log) {
}
