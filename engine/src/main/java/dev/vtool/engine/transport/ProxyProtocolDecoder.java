package dev.vtool.engine.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code acceptProxyProtocol}: every accepted connection must start with a PROXY protocol header, v1 (text)
 * or v2 (binary), as 4.34 requires it (go-proxyproto with policy REQUIRE). The client address it names
 * becomes the connection's source; {@code UNKNOWN} (v1) and {@code LOCAL} (v2) keep the socket's. Once
 * the header is read, {@code next} adds the security layer and the transport's handlers, and the bytes
 * after the header flow into them. A connection without a valid header, or silent for the handshake
 * timeout, is closed.
 */
public final class ProxyProtocolDecoder extends ByteToMessageDecoder {
    private static final AttributeKey<InetSocketAddress> SOURCE = AttributeKey.valueOf("vtool.proxyProtocolSource");
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};
    /** The longest v1 line, CR LF included. */
    private static final int V1_MAX = 107;
    /** What 4.34's ws listener (Go's HTTP server) answers a connection whose PROXY header is missing or bad. */
    public static final String HTTP_BAD_REQUEST = "HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\n"
            + "Connection: close\r\n\r\n400 Bad Request";
    private final Consumer<Channel> next;
    private final Duration timeout;
    private final String refusal;
    private ScheduledFuture<?> deadline;
    private boolean done;

    /** @param refusal sent before closing a connection without a valid header (null: close silently) */
    public ProxyProtocolDecoder(Consumer<Channel> next, Duration timeout, String refusal) {
        this.next = next;
        this.timeout = timeout;
        this.refusal = refusal;
    }

    /** The client as the PROXY header named it, else null. */
    public static InetSocketAddress source(Channel ch) {
        return ch.hasAttr(SOURCE) ? ch.attr(SOURCE).get() : null;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        deadline = ctx.executor().schedule(() -> {
            if (!done) {
                ctx.close();
            }
        }, Math.max(1, timeout.toMillis()), TimeUnit.MILLISECONDS);
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (done) {
            return;
        }
        InetSocketAddress[] source = new InetSocketAddress[1];
        int used;
        try {
            used = startsV2(in) ? v2(in, source) : v1(in, source);
        } catch (IllegalArgumentException bad) {
            done = true;
            in.skipBytes(in.readableBytes());
            if (refusal == null) {
                ctx.close();
            } else {
                ctx.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(refusal, StandardCharsets.US_ASCII))
                        .addListener(io.netty.channel.ChannelFutureListener.CLOSE);
            }
            return;
        }
        if (used < 0) {
            return; // more bytes needed
        }
        in.skipBytes(used);
        done = true;
        deadline.cancel(false);
        if (source[0] != null) {
            ctx.channel().attr(SOURCE).set(source[0]);
        }
        // what follows the header is the stream: it goes through the whole pipeline from the start again,
        // since a security layer puts itself first
        ByteBuf rest = in.readRetainedSlice(in.readableBytes());
        next.accept(ctx.channel());
        io.netty.channel.ChannelPipeline pipeline = ctx.pipeline();
        pipeline.remove(this);
        if (rest.isReadable()) {
            pipeline.fireChannelRead(rest);
            pipeline.fireChannelReadComplete();
        } else {
            rest.release();
        }
    }

    private static boolean startsV2(ByteBuf in) {
        int n = Math.min(in.readableBytes(), V2_SIGNATURE.length);
        for (int i = 0; i < n; i++) {
            if (in.getByte(in.readerIndex() + i) != V2_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    /** Bytes used by a complete v1 line, or -1 when incomplete. */
    private static int v1(ByteBuf in, InetSocketAddress[] source) {
        int start = in.readerIndex();
        int n = Math.min(in.readableBytes(), V1_MAX);
        byte[] prefix = "PROXY ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < Math.min(n, prefix.length); i++) {
            if (in.getByte(start + i) != prefix[i]) {
                throw new IllegalArgumentException("not a PROXY header");
            }
        }
        int lf = -1;
        for (int i = 1; i < n; i++) {
            if (in.getByte(start + i) == '\n' && in.getByte(start + i - 1) == '\r') {
                lf = i;
                break;
            }
        }
        if (lf < 0) {
            if (in.readableBytes() >= V1_MAX) {
                throw new IllegalArgumentException("PROXY v1 line too long");
            }
            return -1;
        }
        String[] f = in.toString(start, lf - 1, StandardCharsets.US_ASCII).split(" ", -1);
        if (f.length >= 2 && f[1].equals("UNKNOWN")) {
            return lf + 1;
        }
        if (f.length != 6 || !(f[1].equals("TCP4") || f[1].equals("TCP6"))) {
            throw new IllegalArgumentException("bad PROXY v1 line");
        }
        source[0] = new InetSocketAddress(ip(f[2], f[1].equals("TCP4") ? 4 : 16), port(f[4]));
        port(f[5]);
        ip(f[3], f[1].equals("TCP4") ? 4 : 16);
        return lf + 1;
    }

    private static InetAddress ip(String text, int length) {
        byte[] b = io.netty.util.NetUtil.createByteArrayFromIpAddressString(text);
        if (b == null || b.length != length) {
            throw new IllegalArgumentException("bad address " + text);
        }
        try {
            return InetAddress.getByAddress(b);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static int port(String text) {
        try {
            int p = Integer.parseInt(text);
            if (p < 0 || p > 65535 || !text.equals(Integer.toString(p))) {
                throw new IllegalArgumentException("bad port " + text);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("bad port " + text);
        }
    }

    /** Bytes used by a complete v2 header, or -1 when incomplete. */
    private static int v2(ByteBuf in, InetSocketAddress[] source) {
        if (in.readableBytes() < 16) {
            return -1;
        }
        int start = in.readerIndex();
        int verCmd = in.getUnsignedByte(start + 12);
        int family = in.getUnsignedByte(start + 13);
        int len = in.getUnsignedShort(start + 14);
        if (verCmd >> 4 != 2 || (verCmd & 0x0F) > 1) {
            throw new IllegalArgumentException("bad PROXY v2 version/command");
        }
        if (in.readableBytes() < 16 + len) {
            return -1;
        }
        boolean local = (verCmd & 0x0F) == 0;
        if (!local) {
            int addr = family >> 4;
            int ipLength = addr == 1 ? 4 : addr == 2 ? 16 : 0;
            if (ipLength > 0) {
                if (len < 2 * ipLength + 4) {
                    throw new IllegalArgumentException("short PROXY v2 addresses");
                }
                byte[] src = new byte[ipLength];
                in.getBytes(start + 16, src);
                int srcPort = in.getUnsignedShort(start + 16 + 2 * ipLength);
                try {
                    source[0] = new InetSocketAddress(InetAddress.getByAddress(src), srcPort);
                } catch (UnknownHostException e) {
                    throw new IllegalArgumentException(e);
                }
            }
        }
        return 16 + len;
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        if (deadline != null) {
            deadline.cancel(false);
        }
    }
}
