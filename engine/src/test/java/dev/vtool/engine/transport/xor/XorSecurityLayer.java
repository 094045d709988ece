package dev.vtool.engine.transport.xor;

import dev.vtool.engine.transport.DialTarget;
import dev.vtool.engine.transport.SecurityLayer;
import dev.vtool.schema.transport.SecuritySettings;
import io.netty.channel.Channel;
import io.netty.util.concurrent.Future;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A test-only security layer: XOR at the head of the pipeline, applied by whichever transport carries. */
public final class XorSecurityLayer implements SecurityLayer {
    public static final AtomicInteger SERVERS = new AtomicInteger();
    public static final AtomicInteger CLIENTS = new AtomicInteger();

    @Override
    public String name() {
        return "xortls";
    }

    @Override
    public void server(Channel channel, SecuritySettings settings, List<String> nextProtocols) {
        SERVERS.incrementAndGet();
        channel.pipeline().addFirst("xortls", new XorCodec(((XorSecuritySettings) settings).key()));
    }

    @Override
    public Future<Channel> client(Channel channel, SecuritySettings settings, DialTarget target,
                                  List<String> nextProtocols) {
        CLIENTS.incrementAndGet();
        channel.pipeline().addFirst("xortls", new XorCodec(((XorSecuritySettings) settings).key()));
        return channel.eventLoop().newSucceededFuture(channel);
    }
}
