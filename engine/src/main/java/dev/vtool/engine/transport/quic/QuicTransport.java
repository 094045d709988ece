package dev.vtool.engine.transport.quic;

import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenFailure;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.transport.quic.QuicSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.DatagramChannel;
import io.netty.handler.codec.quic.QuicChannel;
import io.netty.handler.codec.quic.QuicServerCodecBuilder;
import io.netty.handler.codec.quic.QuicSslContext;
import io.netty.handler.codec.quic.QuicStreamChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;

/**
 * QUIC ({@code network: "quic"}) as Debian's 4.34 speaks it (quic-go 0.29: QUIC v1, TLS 1.3), on Netty's
 * quiche codec: one client-initiated bidirectional stream per proxied connection with no preamble, the
 * stream's FIN as half-close, and 4.34's own packet protection and header under QUIC
 * ({@link QuicPacketProtection}). TLS is QUIC's own: {@code tlsSettings} give its certificate and checks,
 * else a self-signed certificate that the client does not verify ({@link QuicTls}).
 */
public final class QuicTransport implements StreamTransport {
    private final QuicConnections connections = new QuicConnections();

    @Override
    public String network() {
        return "quic";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        InetSocketAddress at = (InetSocketAddress) r.address();
        Promise<Channel> result = ImmediateEventExecutor.INSTANCE.newPromise();
        QuicSettings settings = (QuicSettings) r.settings().transport();
        QuicSslContext ssl;
        try {
            ssl = QuicTls.server(r.settings().security());
        } catch (Exception e) {
            result.setFailure(ListenFailure.of("UDP", at, e));
            return result;
        }
        ChannelInitializer<QuicStreamChannel> streams = new ChannelInitializer<>() {
            @Override
            protected void initChannel(QuicStreamChannel stream) {
                if (!r.acceptor().admit(stream)) {
                    stream.close();
                    return;
                }
                QuicStreamClose.install(stream);
                r.acceptor().carried(stream, (InetSocketAddress) stream.parent().remoteSocketAddress());
            }
        };
        QuicPacketProtection probe = new QuicPacketProtection(settings);
        ChannelHandler codec = QuicStreams.configure(new QuicServerCodecBuilder(), probe.overhead())
                .sslContext(ssl)
                .initialMaxStreamsBidirectional(QuicStreams.SERVER_STREAMS)
                .handler(new ChannelInitializer<QuicChannel>() {
                    @Override
                    protected void initChannel(QuicChannel ch) {
                    }
                })
                .streamOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                .streamHandler(streams)
                .build();
        ChannelFuture bound = new Bootstrap().group(r.workers().next()).channel(Transports.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("quic-protection", new QuicPacketProtection(settings));
                        ch.pipeline().addLast("quic", codec);
                    }
                }).bind(at);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                r.log().info(0, "transport/internet/quic", "listening on " + ListenFailure.hostPort(at));
                result.setSuccess(bound.channel());
            } else {
                result.setFailure(ListenFailure.of("UDP", at, f.cause()));
            }
        });
        return result;
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        return connections.openStream(r);
    }
}
