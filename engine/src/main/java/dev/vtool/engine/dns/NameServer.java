package dev.vtool.engine.dns;

import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.util.List;

/** One upstream of the built-in DNS (4.34's {@code dns.Server}); called on the DNS event loop only. */
interface NameServer {
    /** How 4.34's logs name it: {@code UDP:1.1.1.1:53}, {@code localhost}, {@code DOHL//host}. */
    String name();

    /** Addresses of {@code fqdn}, from this server's cache or a fresh query; fails with a {@link DnsFailure}. */
    Future<List<InetAddress>> query(String fqdn, NameLookup.Family family, InetAddress clientIp);

    default void close() {
    }
}
