package dev.vtool.engine.transport;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.Locale;

/** A listener that could not start, worded the way V2Ray's {@code failed to listen TCP on ...} chain reads. */
public final class ListenFailure extends IOException {
    private static final long serialVersionUID = 1L;

    private ListenFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** @param net {@code TCP} or {@code UDP}, as in Go's message */
    public static ListenFailure of(String net, InetSocketAddress at, Throwable cause) {
        String m = cause == null || cause.getMessage() == null ? String.valueOf(cause) : cause.getMessage();
        String lower = m.toLowerCase(Locale.ROOT);
        String reason = lower.contains("in use") ? "bind: address already in use"
                : lower.contains("permission") || lower.contains("access denied") ? "bind: permission denied"
                : lower.contains("assign") ? "bind: cannot assign requested address" : m;
        String hp = hostPort(at);
        return new ListenFailure("failed to listen " + net + " on " + hp + " > listen " + net.toLowerCase(Locale.ROOT)
                + " " + hp + ": " + reason, cause);
    }

    public static String hostPort(InetSocketAddress a) {
        return Destination.of(Network.TCP, a).hostPort();
    }
}
