package dev.vtool.engine.transport.tls;

import dev.vtool.engine.transport.DialTarget;
import dev.vtool.engine.transport.SecurityLayer;
import dev.vtool.schema.transport.SecuritySettings;
import dev.vtool.schema.transport.tls.TlsSettings;
import io.netty.channel.Channel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.Mapping;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;

/**
 * TLS ({@code security: "tls"}) on Netty's SslHandler with the provider {@link TlsProviders} picks.
 * Contexts are built once per
 * distinct {@code tlsSettings} (the certificate files are read then) and shared by every connection.
 * When the settings name no {@code alpn}, the transport's list applies, and a client whose transport
 * names none offers Go's {@code h2, http/1.1}.
 */
public final class TlsLayer implements SecurityLayer {
    private static final List<String> CLIENT_DEFAULT_ALPN = List.of("h2", "http/1.1");
    /** 4.34 strips this prefix from {@code serverName} (its uTLS switch, disabled in 4.34). */
    private static final String EXPERIMENT_PREFIX = "experiment:8357";

    /** Settings and the ALPN list in effect: OpenSSL's contexts carry the list. */
    private record Key(TlsSettings settings, List<String> alpn) {
    }

    private final Map<Key, Object> servers = new ConcurrentHashMap<>();
    private final Map<Key, Object> clients = new ConcurrentHashMap<>();

    @Override
    public String name() {
        return "tls";
    }

    @Override
    public void server(Channel channel, SecuritySettings settings, List<String> nextProtocols) {
        TlsSettings tls = (TlsSettings) settings;
        List<String> alpn = tls.alpn().isEmpty() ? nextProtocols : tls.alpn();
        Object built = servers.computeIfAbsent(new Key(tls, alpn), TlsLayer::buildServer);
        if (built instanceof Exception e) {
            channel.pipeline().addFirst("tls-unusable", new Refuse(e));
            return;
        }
        @SuppressWarnings("unchecked")
        Mapping<String, SslContext> certificates = (Mapping<String, SslContext>) built;
        channel.pipeline().addFirst("tls", new GoSniHandler(certificates, alpn));
        channel.pipeline().addAfter("tls", "tls-errors", new HandshakeErrors());
    }

    @Override
    public Future<Channel> client(Channel channel, SecuritySettings settings, DialTarget target,
                                  List<String> nextProtocols) {
        TlsSettings tls = (TlsSettings) settings;
        Promise<Channel> result = channel.eventLoop().newPromise();
        List<String> alpn = !tls.alpn().isEmpty() ? tls.alpn() : !nextProtocols.isEmpty() ? nextProtocols
                : CLIENT_DEFAULT_ALPN;
        Object built = clients.computeIfAbsent(new Key(tls, alpn), TlsLayer::buildClient);
        if (built instanceof Exception e) {
            result.setFailure(e);
            return result;
        }
        String name = serverName(tls, target);
        SslHandler h = ((SslContext) built).newHandler(channel.alloc(), name, target.port());
        SSLEngine engine = h.engine();
        SSLParameters p = engine.getSSLParameters();
        if (!tls.allowInsecure()) {
            p.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!NetUtil.isValidIpV4Address(name) && !NetUtil.isValidIpV6Address(name)) {
            p.setServerNames(List.of(new SNIHostName(name)));
        }
        p.setApplicationProtocols(alpn.toArray(String[]::new)); // the JDK's engine; OpenSSL's context has it
        engine.setSSLParameters(p);
        channel.pipeline().addFirst("tls", h);
        // the handshake's failure is reported through the future; nothing above the layer is there yet to see it
        channel.pipeline().addAfter("tls", "tls-dial-errors", new io.netty.channel.ChannelInboundHandlerAdapter() {
            @Override
            public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
                if (h.handshakeFuture().isDone() && h.handshakeFuture().isSuccess()) {
                    ctx.fireExceptionCaught(cause);
                }
            }
        });
        h.handshakeFuture().addListener(f -> {
            if (f.isSuccess() && channel.pipeline().get("tls-dial-errors") != null) {
                channel.pipeline().remove("tls-dial-errors"); // on failure it stays to swallow the decoder's report
            }
            if (f.isSuccess()) {
                result.trySuccess(channel);
            } else {
                result.tryFailure(new SSLException("tls: handshake with " + name + ":" + target.port() + " failed > "
                        + causes(f.cause()), f.cause()));
            }
        });
        channel.read();
        return result;
    }

    /**
     * The failure's messages down its cause chain, each once: BoringSSL's own message is a bare "General
     * OpenSslEngine problem", the reason (e.g. the trust manager's PKIX failure) is in its cause.
     */
    static String causes(Throwable failure) {
        StringBuilder out = new StringBuilder();
        for (Throwable t = failure; t != null && out.length() < 1_000; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage();
            if (m != null && !m.isEmpty() && out.indexOf(m) < 0) {
                out.append(out.length() == 0 ? "" : " > ").append(m);
            }
        }
        return out.length() == 0 ? String.valueOf(failure) : out.toString();
    }

    /** {@code serverName} (4.34's prefix stripped), else the destination as dialled (a domain, or an IP). */
    static String serverName(TlsSettings tls, DialTarget target) {
        String sn = tls.serverName();
        if (sn != null && sn.startsWith(EXPERIMENT_PREFIX)) {
            sn = sn.substring(EXPERIMENT_PREFIX.length());
        }
        return sn != null && !sn.isEmpty() ? sn : target.host();
    }

    private static Object buildServer(Key key) {
        try {
            return ServerCertificates.build(key.settings(), key.alpn());
        } catch (SSLException | RuntimeException e) {
            return e;
        }
    }

    private static Object buildClient(Key key) {
        try {
            return TlsProviders.configure(SslContextBuilder.forClient(), key.alpn())
                    .trustManager(ClientTrust.of(key.settings())).build();
        } catch (Exception e) {
            return e instanceof SSLException ? e : new SSLException("failed to build TLS client config > "
                    + e.getMessage(), e);
        }
    }

    /** Words a server handshake failure as Go does, without Netty's wrapping or the peer's bytes in hex. */
    private static final class HandshakeErrors extends io.netty.channel.ChannelInboundHandlerAdapter {
        @Override
        public void exceptionCaught(io.netty.channel.ChannelHandlerContext ctx, Throwable cause) {
            Throwable c = cause instanceof io.netty.handler.codec.DecoderException && cause.getCause() != null
                    ? cause.getCause() : cause;
            if (c instanceof io.netty.handler.ssl.NotSslRecordException) {
                ctx.fireExceptionCaught(new SSLException("tls: first record does not look like a TLS handshake"));
            } else if (c instanceof SSLException) {
                ctx.fireExceptionCaught(new SSLException("tls: " + c.getMessage()));
            } else {
                ctx.fireExceptionCaught(cause);
            }
        }
    }

    /** Closes connections of a listener whose certificates cannot be used, passing the reason to the inbound. */
    private static final class Refuse extends io.netty.channel.ChannelHandlerAdapter {
        private final Exception reason;

        Refuse(Exception reason) {
            this.reason = reason;
        }

        @Override
        public void handlerAdded(io.netty.channel.ChannelHandlerContext ctx) {
            ctx.channel().eventLoop().execute(() -> {
                ctx.fireExceptionCaught(reason);
                ctx.close();
            });
        }
    }
}
