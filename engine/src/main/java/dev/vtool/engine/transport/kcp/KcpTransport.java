package dev.vtool.engine.transport.kcp;

import dev.vtool.engine.transport.PacketHeader;
import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenFailure;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.transport.kcp.KcpSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * mKCP ({@code network: "kcp"}): reliable streams over UDP in 4.34's own segment format, with its header
 * camouflage and envelope ({@code seed}: AES-GCM, else the simple checksum). A client connection has its
 * own UDP socket and a process-wide conversation number; a listener keeps one session per (source, conv).
 * TLS, when configured, runs on top of the mKCP stream.
 */
public final class KcpTransport implements StreamTransport {
    /** 4.34 leaves mKCP's ALPN at Go's {@code h2, http/1.1} on both sides. */
    static final List<String> DEFAULT_ALPN = List.of("h2", "http/1.1");
    /** 4.34's conversation counter: process-wide, from a random start. */
    private static final AtomicInteger CONV = new AtomicInteger(ThreadLocalRandom.current().nextInt(0x10000));

    @Override
    public String network() {
        return "mkcp";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        InetSocketAddress at = (InetSocketAddress) r.address();
        Promise<Channel> result = ImmediateEventExecutor.INSTANCE.newPromise();
        // one worker loop serves the socket and every session on it: no locking in the session table
        ChannelFuture bound = new Bootstrap().group(r.workers().next()).channel(Transports.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                        ch.pipeline().addLast("kcp-listener", new KcpListener(r));
                    }
                }).bind(at);
        bound.addListener(f -> {
            if (f.isSuccess()) {
                r.log().info(0, "transport/internet/kcp", "listening on " + ListenFailure.hostPort(at));
                result.setSuccess(bound.channel());
            } else {
                result.setFailure(ListenFailure.of("UDP", at, f.cause()));
            }
        });
        return result;
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        Promise<Channel> result = r.loop().newPromise();
        List<InetAddress> given = r.target().addresses();
        if (given != null && !given.isEmpty()) {
            dial(r, new InetSocketAddress(given.get(0), r.target().port()), result);
        } else if (NetUtil.isValidIpV4Address(r.target().host()) || NetUtil.isValidIpV6Address(r.target().host())) {
            dial(r, new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(r.target().host()),
                    r.target().port()), result);
        } else {
            r.system().resolver().resolve(r.target().host(), r.loop()).addListener(f -> {
                @SuppressWarnings("unchecked")
                List<InetAddress> all = f.isSuccess() ? ((List<InetAddress>) f.getNow()).stream()
                        .filter(r.target().family()).toList() : List.of();
                if (all.isEmpty()) {
                    result.tryFailure(f.isSuccess() ? new java.net.UnknownHostException("lookup " + r.target().host()
                            + ": no suitable address") : f.cause());
                } else {
                    dial(r, new InetSocketAddress(all.get(0), r.target().port()), result);
                }
            });
        }
        return result;
    }

    private static void dial(DialRequest r, InetSocketAddress server, Promise<Channel> result) {
        KcpSettings s = (KcpSettings) r.settings().transport();
        PacketHeader header = PacketHeader.of(s.headerType());
        KcpEnvelope envelope = KcpEnvelope.of(s.seed());
        KcpParams params = KcpParams.of(s, header.size(), envelope.overhead());
        Bootstrap b = new Bootstrap().group(r.loop()).channel(Transports.datagramChannel())
                .handler(new ChannelInitializer<DatagramChannel>() {
                    @Override
                    protected void initChannel(DatagramChannel ch) {
                    }
                });
        InetSocketAddress local = r.sendThrough() == null ? new InetSocketAddress(0)
                : new InetSocketAddress(NetUtil.createInetAddressFromIpAddressString(r.sendThrough()), 0);
        b.connect(server, local).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(new java.io.IOException("dial udp " + ListenFailure.hostPort(server) + ": "
                        + f.cause().getMessage(), f.cause()));
                return;
            }
            Channel udp = ((ChannelFuture) f).channel();
            int conv = CONV.incrementAndGet() & 0xFFFF;
            KcpConnection c = new KcpConnection(r.loop(), conv, params, header, envelope,
                    d -> udp.writeAndFlush(Unpooled.wrappedBuffer(d), udp.voidPromise()), udp::close);
            udp.pipeline().addLast("kcp-client", new SimpleChannelInboundHandler<DatagramPacket>() {
                @Override
                protected void channelRead0(ChannelHandlerContext ctx, DatagramPacket packet) {
                    ByteBuf content = packet.content();
                    int length = content.readableBytes();
                    if (length <= header.size()) {
                        return;
                    }
                    byte[] bytes = new byte[length];
                    content.getBytes(content.readerIndex(), bytes);
                    byte[] opened = envelope.open(bytes, header.size(), length - header.size());
                    if (opened != null) {
                        List<KcpSegment> segments = KcpSegment.parseAll(opened, 0, opened.length);
                        if (!segments.isEmpty()) {
                            c.input(segments);
                        }
                    }
                }

                @Override
                public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                    // ICMP port unreachable while the server starts: mKCP retransmits
                }
            });
            KcpChannel ch = new KcpChannel(null, c, params, udp.localAddress(), server);
            ch.config().setAutoRead(false);
            r.loop().register(ch).addListener(reg -> {
                if (!reg.isSuccess()) {
                    c.abort();
                    result.tryFailure(reg.cause());
                    return;
                }
                if (r.security() == null) {
                    result.trySuccess(ch);
                    return;
                }
                r.security().client(ch, r.settings().security(), r.target(), List.of()).addListener(t -> {
                    if (t.isSuccess()) {
                        result.trySuccess(ch);
                    } else {
                        ch.close();
                        result.tryFailure(t.cause());
                    }
                });
            });
        });
    }
}
