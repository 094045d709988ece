package dev.vtool.engine.transport.websocket;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.DialTarget;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.OutputShutdown;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.TcpListener;
import dev.vtool.schema.transport.websocket.WebSocketSettings;
import io.netty.channel.Channel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * WebSocket ({@code network: "ws"}), as 4.34 speaks it: an HTTP/1.1 upgrade on the configured path, then
 * the stream as binary messages ({@link WebSocketStream}). Over TLS the server offers ALPN
 * {@code h2, http/1.1} and the client {@code http/1.1}, 4.34's defaults.
 */
public final class WebSocketTransport implements StreamTransport {
    private static final List<String> SERVER_ALPN = List.of("h2", "http/1.1");
    private static final List<String> CLIENT_ALPN = List.of("http/1.1");
    /** 4.34's server reads the request headers within 4 s. */
    private static final long UPGRADE_READ_MILLIS = 4_000;
    /** 4.34's client gives the whole upgrade 8 s. */
    private static final long DIAL_HANDSHAKE_MILLIS = 8_000;
    /** Go's MaxHeaderBytes 2048 plus its 4096 of slack: bigger request heads are refused. */
    private static final int MAX_REQUEST_HEAD = 2048 + 4096;
    /** A frame is buffered whole before it is passed on; 4.34's writers send at most a few KiB per frame. */
    private static final int MAX_FRAME = 1 << 20;

    private static final java.util.Set<String> HANDSHAKE_HEADERS = java.util.Set.of("Upgrade", "Connection",
            "Sec-Websocket-Key", "Sec-Websocket-Version", "Sec-Websocket-Extensions");

    private static final WebSocketDecoderConfig SERVER_FRAMES = WebSocketDecoderConfig.newBuilder()
            .maxFramePayloadLength(MAX_FRAME).expectMaskedFrames(true).allowMaskMismatch(true)
            .withUTF8Validator(false).build();

    @Override
    public String network() {
        return "websocket";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        String path = ((WebSocketSettings) r.settings().transport()).normalizedPath();
        return TcpListener.listen(r, SERVER_ALPN, "transport/internet/websocket", "TCP(for WS)", ch -> {
            ScheduledFuture<?> deadline = ch.eventLoop().schedule(() -> {
                ch.close();
            }, UPGRADE_READ_MILLIS, TimeUnit.MILLISECONDS);
            ch.closeFuture().addListener(f -> deadline.cancel(false));
            ch.pipeline().addLast("ws-http", new HttpServerCodec(MAX_REQUEST_HEAD, MAX_REQUEST_HEAD, 8192));
            ch.pipeline().addLast("ws-aggregate", new HttpObjectAggregator(8192));
            ch.pipeline().addLast("ws-upgrade", new WebSocketUpgrade(path, SERVER_FRAMES, (c, source) -> {
                deadline.cancel(false);
                OutputShutdown.set(c, x -> { });
                r.acceptor().carried(c, source);
            }));
        });
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        Promise<Channel> result = r.loop().newPromise();
        WebSocketClientHandshaker handshaker;
        try {
            handshaker = handshaker(r);
        } catch (IllegalArgumentException e) {
            result.setFailure(new java.io.IOException("failed to dial WebSocket > " + e.getMessage(), e));
            return result;
        }
        r.system().connect(r.loop(), r.target(), r.sendThrough(), r.policy(), r.settings().sockopt())
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        result.tryFailure(f.cause());
                        return;
                    }
                    Channel ch = (Channel) f.getNow();
                    ScheduledFuture<?> deadline = ch.eventLoop().schedule(() -> {
                        if (result.tryFailure(new java.io.IOException("failed to dial WebSocket > handshake timed out"))) {
                            ch.close();
                        }
                    }, DIAL_HANDSHAKE_MILLIS, TimeUnit.MILLISECONDS);
                    result.addListener(x -> deadline.cancel(false));
                    if (r.security() == null) {
                        upgrade(ch, handshaker, result);
                        return;
                    }
                    r.security().client(ch, r.settings().security(), r.target(), CLIENT_ALPN).addListener(s -> {
                        if (s.isSuccess()) {
                            upgrade(ch, handshaker, result);
                        } else {
                            ch.close();
                            result.tryFailure(s.cause());
                        }
                    });
                });
        return result;
    }

    private static void upgrade(Channel ch, WebSocketClientHandshaker handshaker, Promise<Channel> result) {
        OutputShutdown.set(ch, x -> { });
        WebSocketDial.start(ch, handshaker, result);
    }

    /** The request 4.34 sends: {@code ws[s]://host[:port]/path} verbatim, the configured headers, no Origin. */
    private static WebSocketClientHandshaker handshaker(DialRequest r) {
        WebSocketSettings ws = (WebSocketSettings) r.settings().transport();
        boolean tls = r.security() != null;
        URI uri = URI.create((tls ? "wss://" : "ws://") + hostPort(r.target(), tls) + ws.normalizedPath());
        HttpHeaders headers = new DefaultHttpHeaders();
        for (Map.Entry<String, String> h : ws.headers().entrySet()) {
            String name = canonical(h.getKey());
            if (HANDSHAKE_HEADERS.contains(name)) {
                // gorilla refuses to send a request header it sets itself: every dial fails in 4.34
                throw new IllegalArgumentException("websocket: duplicate header not allowed: " + name);
            }
            headers.add(name, h.getValue());
        }
        return WebSocketClientHandshakerFactory.newHandshaker(uri, WebSocketVersion.V13, null, false, headers,
                MAX_FRAME, true, false, -1, false, false);
    }

    /** Go's canonical header name ({@code x-test} becomes {@code X-Test}), as 4.34's client sends it. */
    static String canonical(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean upper = true;
        for (char c : name.toCharArray()) {
            if (c == ' ' || c > 0x7e) {
                return name; // not a token: Go leaves it as it is
            }
            b.append(upper ? Character.toUpperCase(c) : Character.toLowerCase(c));
            upper = c == '-';
        }
        return b.toString();
    }

    private static String hostPort(DialTarget t, boolean tls) {
        String host = NetUtil.isValidIpV6Address(t.host()) ? "[" + t.host() + "]" : t.host();
        return t.port() == (tls ? 443 : 80) ? host : host + ":" + t.port();
    }
}
