package dev.vtool.engine.dns;

import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetAddress;
import java.util.List;

/**
 * V2Ray's DNS feature ({@code features/dns.Client}): what routing's IP strategies, freedom's UseIP* and the
 * DNS outbound ask. Either the built-in DNS of a {@code dns} section or, without one, the system resolver.
 * Never blocks: the answer completes the returned future on {@code loop}.
 */
public interface NameLookup {
    /** Which record types a lookup asks for: 4.34's LookupIP (A and AAAA), LookupIPv4, LookupIPv6. */
    enum Family { ANY, IPV4, IPV6 }

    Future<List<InetAddress>> lookup(String domain, Family family, EventExecutor loop);
}
