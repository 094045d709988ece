package dev.vtool.engine.api;

import dev.vtool.engine.Engine;
import dev.vtool.engine.EngineException;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import dev.vtool.engine.transport.Transports;
import dev.vtool.engine.transport.PrivateSocketDir;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.Epoll;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.unix.DomainSocketAddress;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server behind the {@code api} outbound (4.34's commander), with the services the config lists.
 * It listens on a unix socket in a private 0700 directory ({@link PrivateSocketDir}) that only the api
 * outbound dials, so other local users cannot reach it around the routing; clients reach it through the
 * inbound that routing sends to the api tag, as with 4.34. Without native epoll (the engine's or grpc's)
 * it falls back to an ephemeral loopback TCP port, with a warning. One I/O thread (grpc's shaded Netty,
 * apart from the engine's) and one worker thread, so API calls run one at a time.
 */
public final class ApiServer implements AutoCloseable {
    private final Server server;
    private final EventLoopGroup group;
    private final ExecutorService executor;
    /** Null on the loopback TCP fallback. */
    private final PrivateSocketDir dir;

    private ApiServer(Server server, EventLoopGroup group, ExecutorService executor, PrivateSocketDir dir) {
        this.server = server;
        this.group = group;
        this.executor = executor;
        this.dir = dir;
    }

    /**
     * grpc sets SO_KEEPALIVE on every accepted channel, which a unix socket does not have; the shaded Netty
     * then warns on stderr per API call. Kept referenced, so the level holds.
     */
    private static final java.util.logging.Logger QUIET_BOOTSTRAP =
            java.util.logging.Logger.getLogger("io.grpc.netty.shaded.io.netty.bootstrap.ServerBootstrap");

    public static ApiServer start(Engine engine, ApiOutbound outbound) throws EngineException {
        ExecutorService executor = Executors.newSingleThreadExecutor(daemon("vtool-api"));
        PrivateSocketDir dir = null;
        String why = null;
        if (!Transports.nativeEpoll() || !Epoll.isAvailable()) {
            why = "no native epoll";
        } else {
            try {
                dir = PrivateSocketDir.create("vtool-api-", "api.sock");
            } catch (IOException | UnsupportedOperationException e) {
                why = e.getMessage();
            }
        }
        EventLoopGroup group;
        NettyServerBuilder b;
        if (dir != null) {
            QUIET_BOOTSTRAP.setLevel(java.util.logging.Level.SEVERE);
            group = new EpollEventLoopGroup(1, daemon("vtool-api-io"));
            b = NettyServerBuilder.forAddress(new DomainSocketAddress(dir.socket().toString()))
                    .channelType(EpollServerDomainSocketChannel.class);
        } else {
            engine.log().warning(0, "app/commander", "the API server listens on a loopback TCP port ("
                    + why + "): local users can reach it directly");
            group = new NioEventLoopGroup(1, daemon("vtool-api-io"));
            b = NettyServerBuilder.forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                    .channelType(NioServerSocketChannel.class);
        }
        b.bossEventLoopGroup(group).workerEventLoopGroup(group).executor(executor);
        var services = outbound.settings();
        if (services.serves("statsservice")) {
            b.addService(new StatsService(engine.stats()).definition());
        }
        if (services.serves("handlerservice")) {
            b.addService(new HandlerService(engine).definition());
        }
        if (services.serves("loggerservice")) {
            b.addService(new LoggerService(engine.log()).definition());
        }
        if (services.serves("reflectionservice")) {
            engine.log().warning(0, "app/commander", "ReflectionService is not served by vtool (the other services are)");
        }
        Server server = b.build();
        try {
            server.start();
        } catch (IOException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            executor.shutdownNow();
            if (dir != null) {
                dir.close();
            }
            throw new EngineException("app/commander: failed to start the API server > " + e.getMessage());
        }
        if (dir != null) {
            outbound.server(new io.netty.channel.unix.DomainSocketAddress(dir.socket().toString()));
        } else {
            outbound.server((InetSocketAddress) server.getListenSockets().get(0));
        }
        return new ApiServer(server, group, executor, dir);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }

    @Override
    public void close() {
        server.shutdownNow();
        try {
            server.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor.shutdownNow();
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        if (dir != null) {
            dir.close();
        }
    }
}
