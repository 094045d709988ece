package dev.vtool.engine.dns;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.routing.GeoData;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.V2rayBinary;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.File;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code https+local://} against a DoH server in the test (TLS with the repository's test certificate for
 * localhost and 127.0.0.1): one POST of application/dns-message per query type, answers cached like UDP
 * answers, and a server whose certificate the client does not trust is never believed.
 */
@ExtendWith(LeakCheck.class)
class DohServerTest {
    private final List<String> requests = new CopyOnWriteArrayList<>();
    private EventLoopGroup group;
    private Channel server;
    private File cert;

    @BeforeEach
    void start() throws Exception {
        cert = V2rayBinary.repoRoot().resolve("testdata/certs/server.crt").toFile();
        File key = V2rayBinary.repoRoot().resolve("testdata/certs/server.key").toFile();
        SslContext tls = SslContextBuilder.forServer(cert, key).build();
        group = Transports.newGroup(1, "test-doh");
        server = new ServerBootstrap().group(group).channel(Transports.serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(tls.newHandler(ch.alloc()), new HttpServerCodec(),
                                new HttpObjectAggregator(65536), new SimpleChannelInboundHandler<FullHttpRequest>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
                                        DnsWire.Query q = DnsWire.question(req.content());
                                        requests.add(req.method() + " " + req.uri() + " "
                                                + req.headers().get(HttpHeaderNames.CONTENT_TYPE) + " "
                                                + (q == null ? "?" : (q.type() == DnsWire.TYPE_A ? "A " : "AAAA ") + q.name()));
                                        List<InetAddress> ips = q != null && q.type() == DnsWire.TYPE_A
                                                ? List.of(DnsWire.ip("192.0.2.53")) : List.of();
                                        ByteBuf body = DnsWire.answer(q.id(), q.name(), q.type(), 0, ips);
                                        FullHttpResponse r = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                                                HttpResponseStatus.OK, body);
                                        r.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/dns-message")
                                                .set(HttpHeaderNames.CONTENT_LENGTH, body.readableBytes());
                                        ctx.writeAndFlush(r);
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        ctx.close(); // the untrusted-certificate test ends handshakes on purpose
                                    }
                                });
                    }
                }).bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    @AfterEach
    void stop() {
        server.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    private static Future<List<InetAddress>> lookup(BuiltInDns dns, String name) throws InterruptedException {
        Future<List<InetAddress>> f = dns.lookup(name, NameLookup.Family.ANY, GlobalEventExecutor.INSTANCE);
        assertTrue(f.await(10, TimeUnit.SECONDS));
        return f;
    }

    private BuiltInDns dns(String host, SslContext trust, EventLoopGroup loop, Resolver resolver) throws Exception {
        var settings = EngineHarnessAccess.config("""
                {"dns": {"servers": ["https+local://%s:%d/dns-query"]}}
                """.formatted(host, port())).dns();
        BuiltInDns.Routes none = new BuiltInDns.Routes() { // https+local never routes
            @Override
            public dev.vtool.engine.transport.PacketConnection openPackets(String tag, dev.vtool.engine.Destination to,
                    io.netty.channel.EventLoop l, dev.vtool.engine.transport.PacketReceiver back) {
                return null;
            }

            @Override
            public Future<Channel> openStream(String tag, dev.vtool.engine.Destination to, io.netty.channel.EventLoop l) {
                return l.newFailedFuture(new IllegalStateException("not routed"));
            }
        };
        BuiltInDns dns = new BuiltInDns(settings, GeoData.standard(), resolver, none, EngineLog.silent());
        if (trust != null) {
            dns.withDohTls(trust);
        }
        dns.start(loop.next());
        return dns;
    }

    @Test
    void postsEachQueryAndCachesTheAnswers() throws Exception {
        EventLoopGroup loop = Transports.newGroup(1, "test-dns");
        try (Resolver resolver = new Resolver()) {
            BuiltInDns dns = dns("localhost", SslContextBuilder.forClient().trustManager(cert).build(), loop, resolver);
            Future<List<InetAddress>> f = lookup(dns, "doh.test");
            assertTrue(f.isSuccess(), String.valueOf(f.cause()));
            assertEquals(List.of("192.0.2.53"), f.getNow().stream().map(InetAddress::getHostAddress).toList());
            assertEquals(List.of("POST /dns-query application/dns-message A doh.test.",
                    "POST /dns-query application/dns-message AAAA doh.test."), requests.stream().sorted().toList());
            assertTrue(lookup(dns, "doh.test").isSuccess());
            assertEquals(2, requests.size(), "the second lookup is a cache hit");
            dns.close();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }

    @Test
    void httpsGoesThroughRoutingWithTheDnsTag() throws Exception {
        try (EngineHarness h = new EngineHarness("""
                {"dns": {"tag": "dns", "servers": ["https://localhost:%d/dns-query"]},
                 "routing": {"rules": [{"type": "field", "inboundTag": ["dns"], "outboundTag": "via"}]},
                 "outbounds": [{"protocol": "blackhole"}, {"tag": "via", "protocol": "freedom"}]}
                """.formatted(port()), LogLevel.DEBUG)) {
            ((BuiltInDns) h.engine().names()).withDohTls(SslContextBuilder.forClient().trustManager(cert).build());
            Future<List<InetAddress>> f = lookup((BuiltInDns) h.engine().names(), "routed.test");
            assertTrue(f.isSuccess(), f.cause() + "\n" + h.log());
            assertEquals(List.of("192.0.2.53"), f.getNow().stream().map(InetAddress::getHostAddress).toList());
            assertTrue(h.log().contains("taking detour [via] for [tcp:localhost:" + port() + "]"), h.log());
            assertEquals(2, requests.size(), requests.toString());
        }
    }

    @Test
    void anUntrustedCertificateIsNeverBelieved() throws Exception {
        EventLoopGroup loop = Transports.newGroup(1, "test-dns");
        try (Resolver resolver = new Resolver()) {
            BuiltInDns dns = dns("127.0.0.1", null, loop, resolver); // the system's roots do not know the test CA
            Future<List<InetAddress>> f = lookup(dns, "doh.test");
            assertFalse(f.isSuccess());
            assertTrue(f.cause().getMessage().contains("context deadline exceeded"), f.cause().getMessage());
            assertTrue(requests.isEmpty(), "no request after a failed handshake: " + requests);
            dns.close();
        } finally {
            loop.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
        }
    }
}
