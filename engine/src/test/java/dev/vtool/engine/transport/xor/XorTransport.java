package dev.vtool.engine.transport.xor;

import dev.vtool.engine.transport.ConnectionAcceptor;
import dev.vtool.engine.transport.DialRequest;
import dev.vtool.engine.transport.ListenRequest;
import dev.vtool.engine.transport.StreamTransport;
import dev.vtool.engine.transport.tcp.TcpTransport;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only stream transport: TCP whose bytes are XORed with a key, built on the tcp transport the way
 * a real network builds on system sockets. Counts what it carried so a test can see it was used.
 */
public final class XorTransport implements StreamTransport {
    public static final AtomicInteger ACCEPTED = new AtomicInteger();
    public static final AtomicInteger DIALLED = new AtomicInteger();
    private final TcpTransport tcp = new TcpTransport();

    @Override
    public String network() {
        return "xor";
    }

    @Override
    public Future<Channel> listen(ListenRequest r) {
        int key = ((XorSettings) r.settings().transport()).key();
        ConnectionAcceptor inner = r.acceptor();
        ConnectionAcceptor xored = new ConnectionAcceptor() {
            @Override
            public boolean admit(Channel raw) {
                return inner.admit(raw);
            }

            @Override
            public void carried(Channel channel, InetSocketAddress source) {
                ACCEPTED.incrementAndGet();
                channel.pipeline().addFirst("xor", new XorCodec(key));
                inner.carried(channel, source);
            }
        };
        return tcp.listen(new ListenRequest(r.boss(), r.workers(), r.address(), r.settings(), r.security(),
                r.policy(), xored, r.log()));
    }

    @Override
    public Future<Channel> dial(DialRequest r) {
        int key = ((XorSettings) r.settings().transport()).key();
        Promise<Channel> result = r.loop().newPromise();
        tcp.dial(r).addListener(f -> {
            if (!f.isSuccess()) {
                result.tryFailure(f.cause());
                return;
            }
            Channel ch = (Channel) f.getNow();
            DIALLED.incrementAndGet();
            ch.pipeline().addFirst("xor", new XorCodec(key));
            result.trySuccess(ch);
        });
        return result;
    }
}
