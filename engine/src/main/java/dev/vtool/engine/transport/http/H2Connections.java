package dev.vtool.engine.transport.http;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.schema.transport.SecuritySettings;
import dev.vtool.schema.transport.http.HttpSettings;
import dev.vtool.schema.transport.tls.TlsSettings;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodec;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The client's HTTP/2 connections. 4.34 keeps one client per destination for the process's life and its
 * HTTP/2 transport multiplexes every proxied connection to that destination over one TLS connection. vtool
 * keeps one connection per destination <em>and event loop</em>, so a stream lives on the loop of the
 * connection it relays for (no thread hop); a dead connection is forgotten and the next dial makes a new one,
 * and a stream the server refuses (its concurrent stream limit) is retried once on a fresh connection.
 */
final class H2Connections {
    private static final List<String> CLIENT_ALPN = List.of("h2", "http/1.1");

    private record Key(EventLoop loop, String host, int port, SecuritySettings security) {
    }

    private final Map<Key, Future<Channel>> open = new ConcurrentHashMap<>();

    Future<Channel> openStream(DialRequest r) {
        Promise<Channel> result = r.loop().newPromise();
        openStream(r, result, true);
        return result;
    }

    private void openStream(DialRequest r, Promise<Channel> result, boolean mayRetry) {
        Key key = new Key(r.loop(), r.target().host(), r.target().port(), r.settings().security());
        Future<Channel> connection = open.computeIfAbsent(key, k -> connect(r, k));
        connection.addListener(f -> {
            if (!f.isSuccess()) {
                open.remove(key, connection);
                result.tryFailure(new java.io.IOException("failed to dial to " + r.target().host() + ":"
                        + r.target().port() + " > " + f.cause().getMessage(), f.cause()));
                return;
            }
            Channel parent = (Channel) f.getNow();
            if (!parent.isActive()) {
                open.remove(key, connection);
                openStream(r, result, mayRetry);
                return;
            }
            request(parent, (HttpSettings) r.settings().transport()).addListener(s -> {
                if (s.isSuccess()) {
                    result.trySuccess((Channel) s.getNow());
                } else if (mayRetry && !result.isDone()) {
                    open.remove(key, connection);
                    openStream(r, result, false);
                } else {
                    result.tryFailure(new java.io.IOException("failed to dial to " + r.target().host() + ":"
                            + r.target().port() + " > " + s.cause().getMessage(), s.cause()));
                }
            });
        });
    }

    /** TCP, TLS (offering {@code h2} first), a check that {@code h2} was chosen, then the HTTP/2 codec. */
    private Future<Channel> connect(DialRequest r, Key key) {
        Promise<Channel> result = r.loop().newPromise();
        r.system().connect(r.loop(), r.target(), r.sendThrough(), r.policy(), r.settings().sockopt()).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                return;
            }
            Channel ch = (Channel) f.getNow();
            ch.closeFuture().addListener(x -> open.remove(key, result));
            r.security().client(ch, withH2(r.settings().security()), r.target(), CLIENT_ALPN).addListener(s -> {
                if (!s.isSuccess()) {
                    ch.close();
                    result.tryFailure(s.cause());
                    return;
                }
                SslHandler tls = ch.pipeline().get(SslHandler.class);
                String chosen = tls == null ? null : tls.engine().getApplicationProtocol();
                if (tls != null && !"h2".equals(chosen)) {
                    ch.close();
                    result.tryFailure(new java.io.IOException("http2: unexpected ALPN protocol "
                            + (chosen == null ? "" : chosen) + "; want qh2")); // sic: 4.34's wording
                    return;
                }
                Http2FrameCodec codec = H2Codecs.client();
                ch.pipeline().addLast("h2-codec", codec);
                ch.pipeline().addLast("h2-streams", new Http2MultiplexHandler(H2Codecs.RefusePushedStreams.INSTANCE));
                ch.pipeline().addLast("h2-errors", H2Codecs.ConnectionErrors.INSTANCE);
                H2Codecs.widenConnectionWindow(codec);
                ch.config().setAutoRead(true);
                result.trySuccess(ch);
            });
        });
        return result;
    }

    /** 4.34 prepends {@code h2} to a configured ALPN list that lacks it. */
    private static SecuritySettings withH2(SecuritySettings s) {
        if (s instanceof TlsSettings tls && !tls.alpn().isEmpty() && !tls.alpn().contains("h2")) {
            List<String> alpn = new ArrayList<>();
            alpn.add("h2");
            alpn.addAll(tls.alpn());
            return new TlsSettings(tls.allowInsecure(), tls.certificates(), tls.serverName(), alpn,
                    tls.enableSessionResumption(), tls.disableSystemRoot());
        }
        return s;
    }

    /** Opens one request stream: {@code PUT}, a random host, the path; done when the response head says 200. */
    private static Future<Channel> request(Channel parent, HttpSettings settings) {
        Promise<Channel> result = parent.eventLoop().newPromise();
        new Http2StreamChannelBootstrap(parent).option(ChannelOption.AUTO_READ, false)
                .handler(new H2StreamResponse(result)).open().addListener(f -> {
                    if (!f.isSuccess()) {
                        result.tryFailure(f.cause());
                        return;
                    }
                    Http2StreamChannel stream = (Http2StreamChannel) f.getNow();
                    List<String> hosts = settings.effectiveHosts();
                    Http2Headers h = new DefaultHttp2Headers().method("PUT").scheme("https")
                            .authority(hosts.get(ThreadLocalRandom.current().nextInt(hosts.size())))
                            .path(settings.normalizedPath());
                    h.set("accept-encoding", "identity");
                    h.set("user-agent", "Go-http-client/2.0");
                    stream.writeAndFlush(new DefaultHttp2HeadersFrame(h, false)).addListener(w -> {
                        if (!w.isSuccess()) {
                            result.tryFailure(w.cause());
                            stream.close();
                        } else {
                            stream.read();
                        }
                    });
                });
        return result;
    }
}
