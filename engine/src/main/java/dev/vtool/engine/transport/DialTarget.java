package dev.vtool.engine.transport;

import java.net.InetAddress;
import java.util.List;
import java.util.function.Predicate;

/**
 * Where a dial goes.
 *
 * @param host      domain or IP literal as configured (a security layer takes its server name from a domain)
 * @param addresses already resolved and checked addresses to try in turn, or null to resolve {@code host}
 * @param family    filters resolved addresses (freedom's UseIPv4/UseIPv6)
 */
public record DialTarget(String host, int port, List<InetAddress> addresses, Predicate<InetAddress> family) {
    public static DialTarget of(String host, int port) {
        return new DialTarget(host, port, null, a -> true);
    }
}
