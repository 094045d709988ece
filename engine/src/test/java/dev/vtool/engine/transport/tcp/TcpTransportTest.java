package dev.vtool.engine.transport.tcp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ConnectionAcceptor;
import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.DialTarget;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.model.Policy;
import dev.vtool.schema.transport.SocketSettings;
import dev.vtool.schema.transport.StreamSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.Future;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/** The tcp transport on its own: what it hands the acceptor, socket options, and 4.34's words on failure. */
class TcpTransportTest {
    private static final EventLoopGroup GROUP = Transports.newGroup(1, "tcp-transport-test");
    private static final Resolver RESOLVER = new Resolver();
    private static final LevelPolicy POLICY = Policy.DEFAULT.forLevel(0);
    private static final ByteArrayOutputStream LOG = new ByteArrayOutputStream();
    private static final EngineLog ENGINE_LOG = new EngineLog(LogLevel.INFO,
            new PrintStream(LOG, true, StandardCharsets.UTF_8), new PrintStream(LOG, true, StandardCharsets.UTF_8));
    private final TcpTransport tcp = new TcpTransport();

    @AfterAll
    static void stop() {
        GROUP.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
        RESOLVER.close();
    }

    private static StreamSettings withSockopt(SocketSettings sockopt) {
        StreamSettings plain = StreamSettings.plainTcp();
        return new StreamSettings(plain.network(), plain.transport(), null, sockopt, null);
    }

    private Future<Channel> listen(StreamSettings settings, ConnectionAcceptor acceptor, int port) {
        return tcp.listen(new ListenRequest(GROUP, GROUP, new InetSocketAddress(InetAddress.getLoopbackAddress(),
                port), settings, null, POLICY, acceptor, ENGINE_LOG)).awaitUninterruptibly();
    }

    @Test
    void admitsThenCarriesEachConnectionWithItsSourceAndAppliesTcpFastOpen() throws Exception {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(8);
        ConnectionAcceptor acceptor = new ConnectionAcceptor() {
            @Override
            public boolean admit(Channel raw) {
                events.add("admit " + raw.config().getOption(ChannelOption.TCP_NODELAY) + " "
                        + raw.config().getOption(ChannelOption.ALLOW_HALF_CLOSURE));
                return true;
            }

            @Override
            public void carried(Channel channel, InetSocketAddress source) {
                events.add("carried " + source.getPort());
                channel.close();
            }
        };
        Future<Channel> bound = listen(withSockopt(new SocketSettings(0, true, "off", false)), acceptor, 0);
        assertTrue(bound.isSuccess(), String.valueOf(bound.cause()));
        Channel listener = bound.getNow();
        try {
            if (Transports.nativeEpoll()) {
                assertEquals(256, listener.config().getOption(ChannelOption.TCP_FASTOPEN));
            }
            int port = ((InetSocketAddress) listener.localAddress()).getPort();
            // 4.34 names the configured address (port 0 here), as before the seam
            assertTrue(LOG.toString(StandardCharsets.UTF_8).contains("listening TCP on 127.0.0.1:0"), LOG::toString);
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
                assertEquals("admit true true", events.poll(5, TimeUnit.SECONDS));
                assertEquals("carried " + s.getLocalPort(), events.poll(5, TimeUnit.SECONDS));
            }
        } finally {
            listener.close().awaitUninterruptibly();
        }
    }

    @Test
    void aRefusedConnectionIsNeverCarried() throws Exception {
        BlockingQueue<String> events = new ArrayBlockingQueue<>(8);
        ConnectionAcceptor refuseAll = new ConnectionAcceptor() {
            @Override
            public boolean admit(Channel raw) {
                raw.closeFuture().addListener(f -> events.add("closed"));
                return false;
            }

            @Override
            public void carried(Channel channel, InetSocketAddress source) {
                events.add("carried");
            }
        };
        Channel listener = listen(StreamSettings.plainTcp(), refuseAll, 0).getNow();
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(),
                ((InetSocketAddress) listener.localAddress()).getPort())) {
            assertEquals("closed", events.poll(5, TimeUnit.SECONDS));
            assertEquals(-1, s.getInputStream().read());
            assertFalse(events.contains("carried"));
        } finally {
            listener.close().awaitUninterruptibly();
        }
    }

    @Test
    void failuresAreWordedAs434WordsThem() throws Exception {
        Channel first = listen(StreamSettings.plainTcp(), null, 0).getNow();
        int port = ((InetSocketAddress) first.localAddress()).getPort();
        try {
            Future<Channel> second = listen(StreamSettings.plainTcp(), null, port);
            assertEquals("failed to listen TCP on 127.0.0.1:" + port + " > listen tcp 127.0.0.1:" + port
                    + ": bind: address already in use", second.cause().getMessage());
        } finally {
            first.close().awaitUninterruptibly();
        }
        // the port is free again: nobody listens there now
        Future<Channel> dialled = tcp.dial(new DialRequest(GROUP.next(), DialTarget.of("127.0.0.1", port), null,
                POLICY, StreamSettings.plainTcp(), null, new SystemDialer(RESOLVER))).awaitUninterruptibly();
        assertEquals("dial tcp 127.0.0.1:" + port + ": connect: connection refused", dialled.cause().getMessage());
    }
}
