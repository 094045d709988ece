package dev.vtool.engine;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.DialTarget;
import dev.vtool.engine.transport.Dialer;
import dev.vtool.engine.transport.PrivateSocketDir;
import dev.vtool.engine.transport.SecurityLayer;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.transport.StreamSettings;
import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.epoll.EpollServerDomainSocketChannel;
import io.netty.channel.socket.nio.NioDomainSocketChannel;
import io.netty.channel.socket.nio.NioServerDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketAddress;
import java.net.UnixDomainSocketAddress;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * {@code proxySettings}: the outbound's "connection to its server" is one end of a unix socket pair whose
 * far end is handed, as a {@link Link} to that server, straight to the outbound named by the tag (no
 * routing, as in V2Ray). Netty 4.2's in-VM channels cannot share an epoll event loop, so the pair is a
 * real connected socket pair on the caller's loop. The two ends meet at a listener in a fresh 0700
 * directory (no TCP port: other local users cannot reach it), which takes exactly one connection (on
 * epoll only one whose peer is this very process) and is gone, directory and all, once the pair is made.
 *
 * <p>As in 4.34, the chain replaces the outbound's stream transport: only its security layer (tls) is
 * applied over the chained connection.
 */
final class ProxyChainDialer extends Dialer {
    private static final long OWN_PID = ProcessHandle.current().pid();
    /** Tests look at the process's sockets here, while a pair's listener is open; null otherwise. */
    static volatile Consumer<Path> whileListening;

    private final String tag;
    private final Map<String, OutboundHandler> outbounds;
    private final EngineLog log;

    ProxyChainDialer(SystemDialer system, StreamSettings settings, SecurityLayer security, String tag,
                     Map<String, OutboundHandler> outbounds, EngineLog log) {
        super(system, null, settings, security);
        this.tag = tag;
        this.outbounds = outbounds;
        this.log = log;
    }

    @Override
    protected Future<Channel> dial(EventLoop loop, DialTarget target, String sendThrough, LevelPolicy policy) {
        Promise<Channel> chained = loop.newPromise();
        OutboundHandler via = outbounds.get(tag);
        if (via == null) {
            chained.tryFailure(new ConnectException("failed to get outbound handler with tag: " + tag));
            return chained;
        }
        new Pair(loop, Destination.tcp(target.host(), target.port()), policy, via, chained).open();
        if (security() == null) {
            return chained;
        }
        Promise<Channel> result = loop.newPromise();
        chained.addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                return;
            }
            Channel ch = chained.getNow();
            security().client(ch, settings().security(), target, java.util.List.of()).addListener(s -> {
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

    /** One socket pair; every callback runs on the same event loop, so plain fields suffice. */
    private final class Pair {
        private final EventLoop loop;
        private final Destination dest;
        private final LevelPolicy policy;
        private final OutboundHandler via;
        private final Promise<Channel> result;
        private final boolean epoll = Transports.nativeEpoll();
        private PrivateSocketDir dir;
        private Channel listener;
        private Channel near;
        private Channel far;
        private boolean done;

        Pair(EventLoop loop, Destination dest, LevelPolicy policy, OutboundHandler via, Promise<Channel> result) {
            this.loop = loop;
            this.dest = dest;
            this.policy = policy;
            this.via = via;
            this.result = result;
        }

        void open() {
            try {
                dir = PrivateSocketDir.create("vtool-chain-", "s");
            } catch (IOException | UnsupportedOperationException e) {
                result.tryFailure(new ConnectException("proxy chain to " + tag + ": no private socket directory > "
                        + e.getMessage()));
                return;
            }
            ChannelFuture bound = new ServerBootstrap().group(loop, loop)
                    .channel(epoll ? EpollServerDomainSocketChannel.class : NioServerDomainSocketChannel.class)
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .childOption(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, SystemDialer.waterMark(policy))
                    .childHandler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel accepted) {
                            accept(accepted);
                        }
                    }).bind(address());
            bound.addListener(b -> {
                if (!b.isSuccess()) {
                    fail(b.cause());
                    return;
                }
                listener = bound.channel();
                Consumer<Path> probe = whileListening;
                if (probe != null) {
                    probe.accept(dir.socket());
                }
                // never leave the listener behind if the pair does not come together
                loop.schedule(() -> fail(new ConnectException("proxy chain to " + tag + " did not connect")),
                        10, TimeUnit.SECONDS);
                client().connect(address()).addListener(c -> {
                    ChannelFuture cf = (ChannelFuture) c;
                    if (!cf.isSuccess()) {
                        fail(cf.cause());
                        return;
                    }
                    near = cf.channel();
                    match();
                });
            });
        }

        private SocketAddress address() {
            String path = dir.socket().toString();
            return epoll ? new DomainSocketAddress(path) : UnixDomainSocketAddress.of(path);
        }

        /** The client end: {@link SystemDialer#bootstrap}'s options that a unix socket has. */
        private Bootstrap client() {
            return new Bootstrap().group(loop)
                    .channel(epoll ? EpollDomainSocketChannel.class : NioDomainSocketChannel.class)
                    .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                    .option(ChannelOption.RECVBUF_ALLOCATOR, Transports.readAllocator())
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .option(ChannelOption.WRITE_BUFFER_WATER_MARK, SystemDialer.waterMark(policy))
                    .handler(new ChannelInitializer<Channel>() {
                        @Override
                        protected void initChannel(Channel ch) {
                            // the outbound adds its handlers once the pair is made
                        }
                    });
        }

        /** The first connection from this process is the far end; the listener goes at once. */
        private void accept(Channel accepted) {
            if (done || far != null || !fromThisProcess(accepted)) {
                accepted.close();
                return;
            }
            far = accepted;
            closeListener();
            match();
        }

        private boolean fromThisProcess(Channel accepted) {
            if (!(accepted instanceof EpollDomainSocketChannel unix)) {
                return true; // the 0700 directory already keeps other users out
            }
            try {
                return unix.peerCredentials().pid() == OWN_PID;
            } catch (IOException e) {
                return false;
            }
        }

        private void match() {
            if (near == null || far == null || done) {
                return;
            }
            done = true;
            Session s = new Session(EngineContext.newSessionId(), null, "", "", policy);
            s.destination(dest);
            log.debug(s.id(), "app/proxyman/outbound", "proxying to " + tag + " for dest " + dest);
            ChannelLink link = ChannelLink.takeOver(far, policy, cause ->
                    log.info(s.id(), "app/proxyman/outbound", "connection ends > " + cause.getMessage()));
            via.dispatch(s, link);
            result.trySuccess(near);
        }

        private void fail(Throwable cause) {
            if (done) {
                return;
            }
            done = true;
            closeListener();
            if (near != null) {
                near.close();
            }
            if (far != null) {
                far.close();
            }
            result.tryFailure(cause);
        }

        private void closeListener() {
            if (listener != null) {
                listener.close();
                listener = null;
            }
            if (dir != null) {
                dir.close();
                dir = null;
            }
        }
    }
}
