package dev.vtool.engine.transport.http;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.TcpListener;
import dev.vtool.schema.transport.http.HttpSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * HTTP/2 ({@code network: "h2"}), as 4.34 speaks it: each proxied connection is one request stream
 * ({@code PUT} on the configured path, {@code :authority} one of the hosts) whose request body carries the
 * upstream bytes and whose response body the downstream. The server checks each stream
 * ({@link H2StreamRequest}) and serves h2c (prior knowledge) when no TLS is configured, for use behind a
 * TLS-terminating proxy; the client requires TLS, as 4.34's does, and reuses connections
 * ({@link H2Connections}).
 */
public final class H2Transport implements StreamTransport {
    /** 4.34's h2 server offers only {@code h2} by default. */
    private static final List<String> SERVER_ALPN = List.of("h2");
    /** A connection that opens no request stream within this time is closed (Go's header read timeout is 4 s). */
    private static final long FIRST_STREAM_MILLIS = 4_000;

    private final H2Connections connections = new H2Connections();

    @Override
    public String network() {
        return "http";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        HttpSettings settings = (HttpSettings) r.settings().transport();
        return TcpListener.listen(r, SERVER_ALPN, "transport/internet/http", "TCP(for HTTP/2)", ch -> {
            ScheduledFuture<?> idle = ch.eventLoop().schedule(() -> {
                ch.close();
            }, FIRST_STREAM_MILLIS, TimeUnit.MILLISECONDS);
            ch.closeFuture().addListener(f -> idle.cancel(false));
            Runnable codecs = () -> {
                Http2FrameCodec codec = H2Codecs.server();
                ch.pipeline().addBefore("h2-errors", "h2-codec", codec);
                ch.pipeline().addBefore("h2-errors", "h2-streams", new Http2MultiplexHandler(
                        new ChannelInitializer<Http2StreamChannel>() {
                            @Override
                            protected void initChannel(Http2StreamChannel stream) {
                                idle.cancel(false);
                                stream.pipeline().addLast("h2-request", new H2StreamRequest(settings, r.acceptor()::carried));
                            }
                        }));
                H2Codecs.widenConnectionWindow(codec);
            };
            ch.pipeline().addLast("h2-errors", H2Codecs.ConnectionErrors.INSTANCE);
            if (r.security() == null) {
                codecs.run();
            } else {
                // the codec writes its SETTINGS at once: only after the handshake, or they would go out in clear
                ch.pipeline().addBefore("h2-errors", "h2-after-tls", new H2Codecs.AfterHandshake(codecs));
            }
        });
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        if (r.security() == null) {
            return r.loop().newFailedFuture(new java.io.IOException("TLS must be enabled for http transport."));
        }
        return connections.openStream(r);
    }
}
