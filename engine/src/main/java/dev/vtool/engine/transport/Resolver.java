package dev.vtool.engine.transport;

import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Resolves names with the system resolver (hosts file, resolv.conf) on a few background threads, so a slow
 * lookup never blocks an event loop; results are delivered on the caller's event loop.
 */
public final class Resolver implements AutoCloseable {
    private final ExecutorService pool = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS,
            new LinkedBlockingQueue<>(4096), new DefaultThreadFactory("vtool-resolver", true));

    public Future<List<InetAddress>> resolve(String host, EventExecutor loop) {
        Promise<List<InetAddress>> p = loop.newPromise();
        try {
            pool.execute(() -> {
                try {
                    List<InetAddress> all = List.of(InetAddress.getAllByName(host));
                    loop.execute(() -> p.trySuccess(all));
                } catch (UnknownHostException e) {
                    loop.execute(() -> p.tryFailure(new UnknownHostException("lookup " + host + ": no such host")));
                } catch (RuntimeException e) {
                    loop.execute(() -> p.tryFailure(e));
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            p.tryFailure(new UnknownHostException("lookup " + host + ": resolver overloaded"));
        }
        return p;
    }

    @Override
    public void close() {
        pool.shutdownNow();
    }
}
