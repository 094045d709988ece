package dev.vtool.engine.transport;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.transport.SocketSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.unix.IntegerUnixChannelOption;
import io.netty.channel.unix.RawUnixChannelOption;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

/**
 * Linux's transparent-proxy socket options as 4.34 applies them ({@code sockopt.tproxy}, {@code mark}):
 * IP_TRANSPARENT on listeners and dialled sockets when tproxy is "redirect" or "tproxy", SO_MARK on
 * listeners, IP_RECVORIGDSTADDR on the UDP socket of an inbound that follows redirects, and the
 * original destination of an accepted connection (SO_ORIGINAL_DST for "redirect", the socket's own local
 * address for "tproxy"). All through Netty's native epoll: its generic raw option reads SO_ORIGINAL_DST,
 * so no native code of our own is needed. A failure to set an option is logged and the socket is used
 * anyway, as 4.34 does.
 */
public final class TransparentSockets {
    /** SOL_SOCKET 1, SO_MARK 36 (Netty's epoll has no named option for it). */
    static final IntegerUnixChannelOption SO_MARK = new IntegerUnixChannelOption("SO_MARK", 1, 36);
    /** SOL_IP 0, SO_ORIGINAL_DST 80: a struct sockaddr_in (16 bytes), as 4.34 reads it (IPv4 only). */
    private static final RawUnixChannelOption SO_ORIGINAL_DST = new RawUnixChannelOption("SO_ORIGINAL_DST", 0, 80, 16);
    private static final String CATEGORY = "transport/internet";

    private TransparentSockets() {
    }

    /** IP_TRANSPARENT and SO_MARK on a listening (or UDP) socket, before it is bound. */
    public static void onListener(Channel ch, SocketSettings sockopt, EngineLog log) {
        if (!sockopt.transparent() && sockopt.mark() == 0) {
            return;
        }
        if (!Transports.nativeEpoll()) {
            log.warning(0, CATEGORY, "failed to apply socket options to incoming connection > sockopt tproxy and "
                    + "mark need Linux's native epoll transport, which is not available here");
            return;
        }
        if (sockopt.mark() != 0) {
            set(ch, SO_MARK, sockopt.mark(), "SO_MARK", log);
        }
        if (sockopt.transparent()) {
            set(ch, EpollChannelOption.IP_TRANSPARENT, true, "IP_TRANSPARENT", log);
        }
    }

    /** IP_RECVORIGDSTADDR on an inbound's UDP socket: each datagram then carries where it was sent. */
    public static boolean receiveOriginalDestinations(Channel udp, EngineLog log) {
        if (!Transports.nativeEpoll()) {
            log.warning(0, CATEGORY, "failed to apply socket options to incoming connection > IP_RECVORIGDSTADDR "
                    + "needs Linux's native epoll transport, which is not available here");
            return false;
        }
        return set(udp, EpollChannelOption.IP_RECVORIGDSTADDR, true, "IP_RECVORIGDSTADDR", log);
    }

    /** IP_TRANSPARENT on an outgoing socket when the outbound's tproxy is on (4.34's dialer). */
    public static void onDial(Bootstrap b, SocketSettings sockopt) {
        if (sockopt.transparent() && Transports.nativeEpoll()) {
            b.option(EpollChannelOption.IP_TRANSPARENT, true);
        }
    }

    /**
     * Where an accepted connection was going before iptables sent it here.
     *
     * @param mode "redirect" (REDIRECT/DNAT: the conntrack entry, SO_ORIGINAL_DST) or "tproxy" (TPROXY
     *             leaves the destination as the socket's local address)
     * @throws IOException when the socket cannot say (not a native TCP socket, no conntrack entry, IPv6)
     */
    public static InetSocketAddress originalDestination(Channel ch, String mode) throws IOException {
        if ("tproxy".equals(mode)) {
            if (ch.localAddress() instanceof InetSocketAddress local) {
                return local;
            }
            throw new IOException("not an IP connection");
        }
        if (!(ch instanceof io.netty.channel.epoll.EpollSocketChannel)) {
            throw new IOException("unable to get syscall.Conn");
        }
        ByteBuffer raw;
        try {
            raw = ch.config().getOption(SO_ORIGINAL_DST);
        } catch (io.netty.channel.ChannelException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            throw new IOException("failed to call getsockopt > " + c.getMessage(), c);
        }
        return sockaddrIn(raw);
    }

    /** A struct sockaddr_in: family (host order), port (network order), IPv4 address. */
    static InetSocketAddress sockaddrIn(ByteBuffer raw) throws IOException {
        if (raw == null || raw.remaining() < 8) {
            throw new IOException("failed to call getsockopt");
        }
        int at = raw.position();
        int port = (raw.get(at + 2) & 0xFF) << 8 | raw.get(at + 3) & 0xFF;
        byte[] ip = new byte[4];
        for (int i = 0; i < 4; i++) {
            ip[i] = raw.get(at + 4 + i);
        }
        if (port == 0) {
            throw new IOException("failed to call getsockopt"); // 4.34: an invalid destination
        }
        try {
            return new InetSocketAddress(InetAddress.getByAddress(ip), port);
        } catch (UnknownHostException e) {
            throw new IOException(e);
        }
    }

    private static <T> boolean set(Channel ch, ChannelOption<T> option, T value, String name, EngineLog log) {
        try {
            if (ch.config().setOption(option, value)) {
                return true;
            }
            log.warning(0, CATEGORY, "failed to apply socket options to incoming connection > failed to set " + name
                    + " > not supported on " + ch.getClass().getSimpleName());
        } catch (io.netty.channel.ChannelException e) {
            Throwable c = e.getCause() != null ? e.getCause() : e;
            log.warning(0, CATEGORY, "failed to apply socket options to incoming connection > failed to set " + name
                    + " > " + c.getMessage());
        }
        return false;
    }
}
