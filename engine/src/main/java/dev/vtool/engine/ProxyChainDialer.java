package dev.vtool.engine;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.transport.ChannelLink;
import dev.vtool.engine.transport.DialTarget;
import dev.vtool.engine.transport.Dialer;
import dev.vtool.engine.transport.SecurityLayer;
import dev.vtool.engine.transport.SystemDialer;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.LevelPolicy;
import dev.vtool.schema.transport.StreamSettings;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code proxySettings}: the outbound's "connection to its server" is one end of a loopback TCP pair whose
 * far end is handed, as a {@link Link} to that server, straight to the outbound named by the tag (no
 * routing, as in V2Ray). Netty 4.2's in-VM channels cannot share an epoll event loop, so the pair is a
 * real loopback connection on the caller's loop; the listener takes exactly one connection and only the
 * one whose source port is our own client's, so no other local process can slip into the chain.
 *
 * <p>As in 4.34, the chain replaces the outbound's stream transport: only its security layer (tls) is
 * applied over the chained connection.
 */
final class ProxyChainDialer extends Dialer {
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

    /** One loopback pair; every callback runs on the same event loop, so plain fields suffice. */
    private final class Pair {
        private final EventLoop loop;
        private final Destination dest;
        private final LevelPolicy policy;
        private final OutboundHandler via;
        private final Promise<Channel> result;
        private final List<SocketChannel> accepted = new ArrayList<>();
        private Channel listener;
        private Channel near;
        private boolean done;

        Pair(EventLoop loop, Destination dest, LevelPolicy policy, OutboundHandler via, Promise<Channel> result) {
            this.loop = loop;
            this.dest = dest;
            this.policy = policy;
            this.via = via;
            this.result = result;
        }

        void open() {
            InetSocketAddress any = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
            ChannelFuture bound = new ServerBootstrap().group(loop, loop).channel(Transports.serverChannel())
                    .childOption(ChannelOption.AUTO_READ, false)
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, SystemDialer.waterMark(policy))
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel far) {
                            accepted.add(far);
                            match();
                        }
                    }).bind(any);
            bound.addListener(b -> {
                if (!b.isSuccess()) {
                    result.tryFailure(b.cause());
                    return;
                }
                listener = bound.channel();
                // never leave the listener behind if the pair does not come together
                loop.schedule(() -> {
                    if (!done) {
                        listener.close();
                        accepted.forEach(Channel::close);
                        if (near != null) {
                            near.close();
                        }
                        result.tryFailure(new ConnectException("proxy chain to " + tag + " did not connect"));
                    }
                }, 10, java.util.concurrent.TimeUnit.SECONDS);
                SystemDialer.bootstrap(loop, policy).connect(listener.localAddress()).addListener(c -> {
                    ChannelFuture cf = (ChannelFuture) c;
                    if (!cf.isSuccess()) {
                        listener.close();
                        result.tryFailure(cf.cause());
                        return;
                    }
                    near = cf.channel();
                    match();
                });
            });
        }

        /** Pairs our client with the accepted connection that really is it; anything else is dropped. */
        private void match() {
            if (near == null || done) {
                return;
            }
            int ourPort = ((InetSocketAddress) near.localAddress()).getPort();
            for (SocketChannel far : accepted) {
                if (!done && far.remoteAddress().getPort() == ourPort) {
                    done = true;
                    listener.close();
                    hand(far);
                } else {
                    far.close();
                }
            }
            accepted.clear();
        }

        private void hand(SocketChannel far) {
            Session s = new Session(EngineContext.newSessionId(), null, "", "", policy);
            s.destination(dest);
            log.debug(s.id(), "app/proxyman/outbound", "proxying to " + tag + " for dest " + dest);
            ChannelLink link = ChannelLink.takeOver(far, policy, cause ->
                    log.info(s.id(), "app/proxyman/outbound", "connection ends > " + cause.getMessage()));
            via.dispatch(s, link);
            result.trySuccess(near);
        }
    }
}
