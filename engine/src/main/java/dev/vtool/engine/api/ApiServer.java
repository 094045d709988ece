package dev.vtool.engine.api;

import dev.vtool.engine.Engine;
import dev.vtool.engine.EngineException;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.netty.shaded.io.netty.channel.nio.NioEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioServerSocketChannel;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * The gRPC server behind the {@code api} outbound (4.34's commander), with the services the config lists.
 * It listens on an ephemeral loopback port that only the api outbound dials; clients reach it through the
 * inbound that routing sends to the api tag, as with 4.34. One I/O thread (grpc's shaded Netty, apart from
 * the engine's) and one worker thread, so API calls run one at a time.
 */
public final class ApiServer implements AutoCloseable {
    private final Server server;
    private final NioEventLoopGroup group;
    private final ExecutorService executor;

    private ApiServer(Server server, NioEventLoopGroup group, ExecutorService executor) {
        this.server = server;
        this.group = group;
        this.executor = executor;
    }

    public static ApiServer start(Engine engine, ApiOutbound outbound) throws EngineException {
        NioEventLoopGroup group = new NioEventLoopGroup(1, daemon("vtool-api-io"));
        ExecutorService executor = Executors.newSingleThreadExecutor(daemon("vtool-api"));
        NettyServerBuilder b = NettyServerBuilder
                .forAddress(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))
                .bossEventLoopGroup(group).workerEventLoopGroup(group)
                .channelType(NioServerSocketChannel.class)
                .executor(executor);
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
            throw new EngineException("app/commander: failed to start the API server > " + e.getMessage());
        }
        outbound.server((InetSocketAddress) server.getListenSockets().get(0));
        return new ApiServer(server, group, executor);
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
    }
}
