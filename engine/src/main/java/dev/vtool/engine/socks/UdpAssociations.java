package dev.vtool.engine.socks;

import java.net.InetAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The clients of a socks inbound that hold an authenticated UDP ASSOCIATE (RFC 1928 section 7): the
 * UDP relay serves datagrams only from their IP addresses, and only while the TCP connection that
 * asked for the association is open. V2Ray 4.34 relays for anyone (docs/spec/security.md 1.6). Thread safe:
 * TCP connections and the UDP listener live on different event loops.
 */
final class UdpAssociations {
    private final Map<InetAddress, Integer> open = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Consumer<InetAddress>> onLastClosed = new CopyOnWriteArrayList<>();

    /** One more association for {@code client}; call {@link #close} when its TCP connection ends. */
    void open(InetAddress client) {
        open.merge(client, 1, Integer::sum);
    }

    void close(InetAddress client) {
        Integer left = open.computeIfPresent(client, (k, n) -> n <= 1 ? null : n - 1);
        if (left == null) {
            onLastClosed.forEach(c -> c.accept(client));
        }
    }

    boolean allows(InetAddress client) {
        return open.containsKey(client);
    }

    /** Told when the last association of a client closed, so its UDP flows can end. */
    void whenLastClosed(Consumer<InetAddress> listener) {
        onLastClosed.add(listener);
    }
}
