package dev.vtool.engine.transport.tcp;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.TcpListener;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import dev.vtool.schema.transport.StreamSettings;
import dev.vtool.schema.transport.tcp.HttpHeader;
import dev.vtool.schema.transport.tcp.TcpSettings;
import java.net.InetSocketAddress;
import java.util.List;

/**
 * Plain TCP, the default network: a listening socket whose connections carry the stream directly (after
 * the security layer, if one is set), and the system dialer. 4.34's TCP server offers only {@code h2} as
 * TLS ALPN when the settings name none; its client offers Go's defaults.
 */
public final class TcpTransport implements StreamTransport {
    private static final List<String> SERVER_ALPN = List.of("h2");

    @Override
    public String network() {
        return "tcp";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        HttpHeader http = httpHeader(r.settings());
        return TcpListener.listen(r, SERVER_ALPN, "transport/internet/tcp", "TCP", ch -> {
            if (http != null) {
                ch.pipeline().addLast("tcp-http-header", new HttpHeaderCodec(http, true));
            }
            r.acceptor().carried(ch, dev.vtool.engine.transport.UnixSocketListener.source(ch));
        });
    }

    /** The http header templates of {@code tcpSettings}, or null for none. */
    private static HttpHeader httpHeader(StreamSettings settings) {
        return settings.transport() instanceof TcpSettings tcp ? tcp.http() : null;
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        Future<Channel> raw = r.system().connect(r.loop(), r.target(), r.sendThrough(), r.policy(),
                r.settings().sockopt());
        HttpHeader http = httpHeader(r.settings());
        if (http != null) {
            // the header rides inside the security layer, as in 4.34
            return withHeader(raw, r, http);
        }
        if (r.security() == null) {
            return raw;
        }
        Promise<Channel> result = r.loop().newPromise();
        raw.addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                return;
            }
            Channel ch = raw.getNow();
            r.security().client(ch, r.settings().security(), r.target(), List.of()).addListener(s -> {
                if (s.isSuccess()) {
                    result.trySuccess(ch);
                } else {
                    ch.close();
                    result.tryFailure(s.cause());
                }
            });
        });
        return result;
    }

    private static Future<Channel> withHeader(Future<Channel> raw, DialRequest r, HttpHeader http) {
        Promise<Channel> result = r.loop().newPromise();
        raw.addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                return;
            }
            Channel ch = raw.getNow();
            if (r.security() == null) {
                ch.pipeline().addLast("tcp-http-header", new HttpHeaderCodec(http, false));
                result.trySuccess(ch);
                return;
            }
            r.security().client(ch, r.settings().security(), r.target(), List.of()).addListener(s -> {
                if (s.isSuccess()) {
                    ch.pipeline().addLast("tcp-http-header", new HttpHeaderCodec(http, false));
                    result.trySuccess(ch);
                } else {
                    ch.close();
                    result.tryFailure(s.cause());
                }
            });
        });
        return result;
    }
}
