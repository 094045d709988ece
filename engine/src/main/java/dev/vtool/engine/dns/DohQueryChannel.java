package dev.vtool.engine.dns;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.IpText;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
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
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.function.Consumer;
import javax.net.ssl.SSLParameters;

/**
 * DNS over HTTPS dialled directly ({@code https+local://}), as 4.34 asks: each query one POST of
 * {@code application/dns-message} to the URL, over TLS checked against the system's roots and the URL's
 * host name; a 200 answer's body is the DNS response. The host is resolved by the system, off the loop.
 */
final class DohQueryChannel implements QueryChannel {
    private static final String PKG = "app/dns";
    private static final int MAX_ANSWER = 65_535;
    private final String name;
    private final URI url;
    private final String host;
    private final int port;
    private final EventLoop loop;
    private final Resolver resolver;
    private final SslContext tls;
    private final Consumer<ByteBuf> answers;
    private final EngineLog log;

    DohQueryChannel(String name, String url, EventLoop loop, Resolver resolver, SslContext tls,
                    Consumer<ByteBuf> answers, EngineLog log) {
        this.name = name;
        this.url = URI.create(url);
        this.host = IpText.stripBrackets(this.url.getHost());
        this.port = this.url.getPort() < 0 ? 443 : this.url.getPort();
        this.loop = loop;
        this.resolver = resolver;
        this.tls = tls;
        this.answers = answers;
        this.log = log;
    }

    @Override
    public void send(ByteBuf query) {
        if (IpText.isIpLiteral(host)) {
            connect(List.of(DnsWire.ip(host)), query);
            return;
        }
        resolver.resolve(host, loop).addListener(f -> {
            if (!f.isSuccess()) {
                query.release();
                log.error(0, PKG, "failed to retrieve response > " + f.cause().getMessage());
                return;
            }
            @SuppressWarnings("unchecked")
            List<InetAddress> ips = (List<InetAddress>) f.getNow();
            connect(ips, query);
        });
    }

    private void connect(List<InetAddress> ips, ByteBuf query) {
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, path, query);
        request.headers().set(HttpHeaderNames.HOST, url.getRawAuthority())
                .set(HttpHeaderNames.ACCEPT, "application/dns-message")
                .set(HttpHeaderNames.CONTENT_TYPE, "application/dns-message")
                .set(HttpHeaderNames.CONTENT_LENGTH, query.readableBytes())
                .set(HttpHeaderNames.CONNECTION, "close");
        new Bootstrap().group(loop).channel(Transports.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        SslHandler ssl = tls.newHandler(ch.alloc(), host, port);
                        SSLParameters params = ssl.engine().getSSLParameters();
                        params.setEndpointIdentificationAlgorithm("HTTPS");
                        ssl.engine().setSSLParameters(params);
                        ch.pipeline().addLast(ssl, new ReadTimeoutHandler(10), new HttpClientCodec(),
                                new HttpObjectAggregator(MAX_ANSWER), new Answer());
                    }
                })
                .connect(new InetSocketAddress(ips.get(0), port))
                .addListener((ChannelFutureListener) cf -> {
                    if (cf.isSuccess()) {
                        cf.channel().writeAndFlush(request);
                    } else {
                        request.release();
                        log.error(0, PKG, name + " failed to retrieve response > " + cf.cause().getMessage());
                    }
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
