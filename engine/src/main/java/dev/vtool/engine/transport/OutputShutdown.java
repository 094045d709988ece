package dev.vtool.engine.transport;

import io.netty.channel.Channel;
import io.netty.channel.socket.DuplexChannel;
import io.netty.util.AttributeKey;
import java.util.function.Consumer;

/**
 * How a carried stream says "no more bytes from this side" while still reading (half-close). On plain
 * TCP that is the socket's {@code shutdownOutput}; a transport with its own framing (a websocket close
 * frame, an HTTP/2 end-of-stream) sets its own way on the channel it carries, so the relay above never
 * writes past that framing.
 */
public final class OutputShutdown {
    private static final AttributeKey<Consumer<Channel>> KEY = AttributeKey.valueOf("vtool.outputShutdown");

    private OutputShutdown() {
    }

    /** Called by a transport on a channel it hands out: this is how its output ends. */
    public static void set(Channel channel, Consumer<Channel> how) {
        channel.attr(KEY).set(how);
    }

    /** Ends the channel's output; false when it cannot be half-closed (then the caller closes it). */
    public static boolean shutdown(Channel channel) {
        if (!channel.isActive()) {
            return false;
        }
        Consumer<Channel> how = channel.attr(KEY).get();
        if (how != null) {
            how.accept(channel);
            return true;
        }
        if (channel instanceof DuplexChannel d) {
            d.shutdownOutput();
            return true;
        }
        return false;
    }
}
