package dev.vtool.engine.transport;

import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.transport.StreamSettings;
import io.netty.channel.EventLoop;

/**
 * One outgoing stream for a {@link StreamTransport}.
 *
 * @param loop        the caller's event loop: the channel must live on it (no thread hop for the relay)
 * @param sendThrough local IP literal to dial from, or null
 * @param policy      the session's policy (its buffer size sets the write water marks)
 * @param security    the layer {@code settings} selects, or null for none
 * @param system      opens the raw TCP connections the transport builds on
 */
public record DialRequest(EventLoop loop, DialTarget target, String sendThrough, LevelPolicy policy,
                          StreamSettings settings, SecurityLayer security, SystemDialer system) {
}
