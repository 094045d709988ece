package dev.vtool.engine.transport.http;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.SocketProbe;
import dev.vtool.testkit.V2rayBinary;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2ResetFrame;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The h2 listeners of a VMess inbound (over TLS, and h2c behind a terminating proxy) against hostile and
 * wrong input: garbage and a cut ClientHello are closed without an answer, a connection that opens no
 * stream is closed after 4 s, a huge header block is refused without taking the listener down, and 4.34's
 * request checks hold (host exact, path prefix, else 404; 200 with cache-control no-store). Nothing leaks.
 */
@ExtendWith(LeakCheck.class)
class HostileH2ListenerTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final int CLOSE_WITHIN = 8_000;
    private static int tlsPort;
    private static int h2cPort;
    private static EngineHarness vtool;
    private static EventLoopGroup group;

    @BeforeAll
    static void start() throws Exception {
        tlsPort = FreePort.next();
        h2cPort = FreePort.next();
        String certs = V2rayBinary.repoRoot().resolve("testdata/certs").toAbsolutePath().toString();
        String h2 = "\"network\": \"h2\", \"httpSettings\": {\"host\": [\"a.test\", \"b.test\"], \"path\": \"/p\"}";
        vtool = new EngineHarness("""
                {"log": {"loglevel": "info"},
                 "policy": {"levels": {"0": {"handshake": 2}}},
                 "inbounds": [
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {%s, "security": "tls", "tlsSettings": {"certificates": [
                      {"certificateFile": "%s/server.crt", "keyFile": "%s/server.key"}]}}},
                   {"listen": "127.0.0.1", "port": %d, "protocol": "vmess", "settings": {"clients": [{"id": "%s"}]},
                    "streamSettings": {%s}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(tlsPort, ID, h2, certs, certs, h2cPort, ID, h2), LogLevel.INFO);
        group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stop() throws Exception {
        if (group != null) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
        if (vtool != null) {
            String log = vtool.log();
            vtool.close();
            assertTrue(!log.contains("\tat "), "a stack trace in the log: " + log);
        }
    }

    private static SocketProbe.Outcome send(int port, byte[] bytes) throws Exception {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 2_000);
            s.getOutputStream().write(bytes);
            s.getOutputStream().flush();
            return SocketProbe.readUntilClosed(s, CLOSE_WITHIN);
        }
    }

    @Test
    void garbageIsClosed() throws Exception {
        byte[] garbage = new byte[4096];
        new SecureRandom().nextBytes(garbage);
        garbage[0] = 0x16;
        for (int port : new int[] {tlsPort, h2cPort}) {
            assertTrue(send(port, garbage).closed(), "still open: " + port);
        }
    }

    @Test
    void aClientHelloCutMidwayIsClosedUnanswered() throws Exception {
        byte[] hello = clientHello();
        SocketProbe.Outcome o = send(tlsPort, Arrays.copyOf(hello, hello.length / 2));
        assertTrue(o.closed());
        assertEquals(0, o.bytes(), "answered a half ClientHello");
    }

    @Test
    void aConnectionThatOpensNoStreamIsClosed() throws Exception {
        // the connection preface and nothing else: the server's SETTINGS come back, then the close
        SocketProbe.Outcome o = send(h2cPort, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n\0\0\0\4\0\0\0\0\0".getBytes(
                java.nio.charset.StandardCharsets.ISO_8859_1));
        assertTrue(o.closed());
        assertTrue(o.millis() >= 3_000 && o.millis() < CLOSE_WITHIN, o.toString());
    }

    @Test
    void theHostMustMatchExactlyAndThePathByPrefix() throws Exception {
        Channel c = connect(h2cPort);
        try {
            assertEquals("404", status(c, "c.test", "/p"));
            assertEquals("404", status(c, "a.test:80", "/p"));
            assertEquals("404", status(c, "a.test", "/q"));
            assertEquals("200 no-store", status(c, "a.test", "/p"));
            assertEquals("200 no-store", status(c, "b.test", "/p/deeper?x=1"));
            assertEquals("200 no-store", status(c, "b.test", "/pp"));
        } finally {
            c.close().sync();
        }
    }

    @Test
    void aHugeHeaderBlockIsRefusedAndTheListenerStillServes() throws Exception {
        Channel c = connect(h2cPort);
        try {
            String answer = status(c, "a.test", "/p", "x".repeat(64 * 1024));
            assertTrue(answer.equals("reset") || answer.equals("closed"), answer);
        } finally {
            c.close().sync();
        }
        Channel again = connect(h2cPort);
        try {
            assertEquals("200 no-store", status(again, "a.test", "/p"));
        } finally {
            again.close().sync();
        }
    }

    private static Channel connect(int port) throws Exception {
        return new Bootstrap().group(group).channel(NioSocketChannel.class).handler(new ChannelInitializer<Channel>() {
            @Override
            protected void initChannel(Channel ch) {
                ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(), new Http2MultiplexHandler(new Ignore()));
            }
        }).connect("127.0.0.1", port).sync().channel();
    }

    private static String status(Channel c, String authority, String path) throws Exception {
        return status(c, authority, path, null);
    }

    /** The status of a PUT stream (with cache-control when 200), or reset/closed. */
    private static String status(Channel c, String authority, String path, String bigHeader) throws Exception {
        CompletableFuture<String> answer = new CompletableFuture<>();
        Http2StreamChannel stream = new Http2StreamChannelBootstrap(c).handler(new ChannelInboundHandlerAdapter() {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                if (msg instanceof Http2HeadersFrame h) {
                    CharSequence cc = h.headers().get("cache-control");
                    answer.complete(h.headers().status() + (cc == null ? "" : " " + cc));
                } else if (msg instanceof Http2ResetFrame) {
                    answer.complete("reset");
                }
                ReferenceCountUtil.release(msg);
            }

            @Override
            public void channelInactive(ChannelHandlerContext ctx) {
                answer.complete("closed");
            }
        }).open().sync().getNow();
        Http2Headers h = new DefaultHttp2Headers().method("PUT").scheme("http").authority(authority).path(path);
        if (bigHeader != null) {
            h.set("x-big", bigHeader);
        }
        stream.writeAndFlush(new DefaultHttp2HeadersFrame(h, false));
        String result = answer.get(CLOSE_WITHIN, TimeUnit.MILLISECONDS);
        stream.close().sync();
        return result;
    }

    @ChannelHandler.Sharable
    private static final class Ignore extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ReferenceCountUtil.release(msg);
        }
    }

    private static byte[] clientHello() throws Exception {
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, new TrustManager[] {new X509TrustManager() {
            @Override
            public void checkClientTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public void checkServerTrusted(java.security.cert.X509Certificate[] chain, String authType) {
            }

            @Override
            public java.security.cert.X509Certificate[] getAcceptedIssuers() {
                return new java.security.cert.X509Certificate[0];
            }
        }}, new SecureRandom());
        SSLEngine e = ctx.createSSLEngine("vtool.test", 443);
        e.setUseClientMode(true);
        ByteBuffer out = ByteBuffer.allocate(e.getSession().getPacketBufferSize());
        e.wrap(ByteBuffer.allocate(0), out);
        out.flip();
        byte[] b = new byte[out.remaining()];
        out.get(b);
        return b;
    }
}
