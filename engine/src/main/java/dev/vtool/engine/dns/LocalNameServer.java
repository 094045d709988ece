package dev.vtool.engine.dns;

import dev.vtool.engine.transport.Resolver;
import io.netty.channel.EventLoop;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.util.List;

/** {@code localhost}: the system resolver (hosts file, resolv.conf), off the event loop. No cache of its own. */
final class LocalNameServer implements NameServer {
    private final Resolver resolver;
    private final EventLoop loop;

    LocalNameServer(Resolver resolver, EventLoop loop) {
        this.resolver = resolver;
        this.loop = loop;
    }

    @Override
    public String name() {
        return "localhost";
    }

    @Override
    public Future<List<InetAddress>> query(String fqdn, NameLookup.Family family, InetAddress clientIp) {
        Promise<List<InetAddress>> p = loop.newPromise();
        String host = fqdn.endsWith(".") ? fqdn.substring(0, fqdn.length() - 1) : fqdn;
        resolver.resolve(host, loop).addListener(f -> {
            if (!f.isSuccess()) {
                p.tryFailure(new DnsFailure(DnsFailure.Kind.OTHER, 0, f.cause().getMessage()));
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> all = ((List<InetAddress>) f.getNow()).stream()
                    .filter(a -> StaticHosts.wanted(a, family)).toList();
            if (all.isEmpty()) {
                p.tryFailure(DnsFailure.empty());
            } else {
                p.trySuccess(all);
            }
        });
        return p;
    }
}
