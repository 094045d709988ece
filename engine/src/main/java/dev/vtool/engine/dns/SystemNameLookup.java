package dev.vtool.engine.dns;

import dev.vtool.engine.transport.Resolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.util.List;

/** Without a {@code dns} section 4.34 asks the system resolver; so does vtool, off the event loop. */
public final class SystemNameLookup implements NameLookup {
    private final Resolver resolver;

    public SystemNameLookup(Resolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public Future<List<InetAddress>> lookup(String domain, Family family, EventExecutor loop) {
        Promise<List<InetAddress>> p = loop.newPromise();
        resolver.resolve(domain, loop).addListener(f -> {
            if (!f.isSuccess()) {
                p.tryFailure(f.cause());
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
