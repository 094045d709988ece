package dev.vtool.engine.dns;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.IpText;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.ReadTimeoutHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;

/**
 * DNS over HTTPS as 4.34 asks: each query one POST of {@code application/dns-message} to the URL, over
 * TLS checked against the system's roots and the URL's host name; a 200 answer's body is the DNS
 * response. The TCP stream comes from a {@link Connector}: dialled directly ({@code https+local://}, the
 * host resolved by the system off the loop) or opened through routing and an outbound ({@code https://}).
 */
final class DohQueryChannel implements QueryChannel {
    private static final String PKG = "app/dns";
    private static final int MAX_ANSWER = 65_535;
    private final String name;
    private final URI url;
    private final String host;
    private final int port;
    private final EventLoop loop;
    private final Connector connector;
    private final java.util.function.Supplier<SslContext> tls;
    private final Consumer<ByteBuf> answers;
    private final EngineLog log;

    /** Opens the TCP stream to the DoH server; its channel reads and writes plain bytes. */
    interface Connector {
        Future<Channel> open(String host, int port);
    }

    DohQueryChannel(String name, String url, EventLoop loop, Connector connector,
                    java.util.function.Supplier<SslContext> tls,
                    Consumer<ByteBuf> answers, EngineLog log) {
        this.name = name;
        this.url = URI.create(url);
        this.host = IpText.stripBrackets(this.url.getHost());
        this.port = this.url.getPort() < 0 ? 443 : this.url.getPort();
        this.loop = loop;
        this.connector = connector;
        this.tls = tls;
        this.answers = answers;
        this.log = log;
    }

    /** A connector that dials the host itself, resolved by the system resolver off the loop. */
    static Connector direct(EventLoop loop, Resolver resolver) {
        return (host, port) -> {
            Promise<Channel> p = loop.newPromise();
            Future<List<InetAddress>> ips = IpText.isIpLiteral(host)
                    ? loop.newSucceededFuture(List.of(DnsWire.ip(host))) : resolver.resolve(host, loop);
            ips.addListener(f -> {
                if (!f.isSuccess()) {
                    p.tryFailure(f.cause());
                    return;
                }
                @SuppressWarnings("unchecked")
                InetAddress ip = ((List<InetAddress>) f.getNow()).get(0);
                ChannelFuture cf = new Bootstrap().group(loop).channel(Transports.socketChannel())
                        .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                        .handler(new ChannelInboundHandlerAdapter())
                        .connect(new InetSocketAddress(ip, port));
                cf.addListener(c -> {
                    if (c.isSuccess()) {
                        p.trySuccess(cf.channel());
                    } else {
                        p.tryFailure(c.cause());
                    }
                });
            });
            return p;
        };
    }

    @Override
    public void send(ByteBuf query) {
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, query);
        request.headers().set(HttpHeaderNames.HOST, url.getRawAuthority())
                .set(HttpHeaderNames.ACCEPT, "application/dns-message")
                .set(HttpHeaderNames.CONTENT_TYPE, "application/dns-message")
                .set(HttpHeaderNames.CONTENT_LENGTH, query.readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        connector.open(host, port).addListener(f -> {
            if (!f.isSuccess()) {
                request.release();
                log.error(0, PKG, name + " failed to retrieve response > " + f.cause().getMessage());
                return;
            }
            Channel ch = (Channel) f.getNow();
            SslHandler ssl = tls.get().newHandler(ch.alloc(), host, port);
            SSLParameters params = ssl.engine().getSSLParameters();
            params.setEndpointIdentificationAlgorithm("HTTPS");
            ssl.engine().setSSLParameters(params);
            ch.pipeline().addLast(ssl, new ReadTimeoutHandler(10), new HttpClientCodec(),
                    new HttpObjectAggregator(MAX_ANSWER), new Answer());
            ch.config().setAutoRead(true);
            ch.writeAndFlush(request);
            ch.read();
        });
    }

    private final class Answer extends SimpleChannelInboundHandler<FullHttpResponse> {
        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            if (response.status().code() == 200) {
                answers.accept(response.content().retain());
            } else {
                log.error(0, PKG, name + " failed to retrieve response > DOH server returned code "
                        + response.status().code());
            }
            ctx.close();
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            log.error(0, PKG, name + " failed to retrieve response > " + cause.getMessage());
            ctx.close();
        }
    }

    @Override
    public void close() {
        // one connection per query: nothing stays open
    }
}
