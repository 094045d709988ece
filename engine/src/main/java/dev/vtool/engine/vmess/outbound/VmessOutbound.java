package dev.vtool.engine.vmess.outbound;

import dev.vtool.engine.Destination;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineException;
import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.Session;
import dev.vtool.engine.mux.MuxServer;
import dev.vtool.engine.transport.PacketConnection;
import dev.vtool.engine.transport.PacketReceiver;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.body.BodyCiphers;
import dev.vtool.engine.vmess.encoding.ClientSession;
import dev.vtool.engine.vmess.encoding.RequestTarget;
import dev.vtool.schema.model.OutboundConfig;
import dev.vtool.schema.protocol.vmess.VmessOutboundSettings;
import dev.vtool.schema.protocol.vmess.VmessServer;
import dev.vtool.schema.text.V2rayMessages;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.EventLoop;
import io.netty.util.AttributeKey;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * The vmess outbound: vnext servers taken round-robin per connection, a uniformly random user of the
 * chosen server, up to 5 dial attempts (each on the next server, 0/200/400/600/800 ms apart), then the
 * request header straight away and the relay through {@link VmessRequestEncoder}/{@link VmessResponseDecoder}.
 */
public final class VmessOutbound implements OutboundHandler {
    static final String PKG = "proxy/vmess/outbound";
    private static final int ATTEMPTS = 5;
    private static final AttributeKey<Object> SERVER_KEY = AttributeKey.valueOf("vtool.vmess.server");

    private record Server(String address, int port, List<VmessAccount> users) {
    }

    private final List<Server> servers = new ArrayList<>();
    private final String sendThrough;
    private final EngineContext context;
    private final AtomicInteger next = new AtomicInteger();

    private VmessOutbound(VmessOutboundSettings settings, String sendThrough, EngineContext context) throws EngineException {
        this.sendThrough = sendThrough;
        this.context = context;
        for (VmessServer s : settings.vnext()) {
            List<VmessAccount> users = new ArrayList<>();
            for (dev.vtool.schema.model.VmessUser u : s.users()) {
                try {
                    users.add(VmessAccount.of(u));
                } catch (IllegalArgumentException e) {
                    throw new EngineException(V2rayMessages.causedBy(V2rayMessages.FAILED_TO_PARSE_SERVER_SPEC,
                            V2rayMessages.failedToParseId(e.getMessage())));
                }
            }
            servers.add(new Server(s.address(), s.port(), users));
        }
    }

    public static OutboundHandler create(OutboundConfig config, EngineContext context) throws EngineException {
        VmessOutbound outbound = new VmessOutbound((VmessOutboundSettings) config.settings(), config.sendThrough(), context);
        outbound.reportCiphers();
        return outbound;
    }

    /** The client picks the body security, so this is where a slow cipher choice is worth a warning. */
    private void reportCiphers() {
        BodyCiphers.report(context.log(), PKG);
        boolean chacha = servers.stream().flatMap(s -> s.users().stream())
                .anyMatch(u -> u.security() == SecurityType.CHACHA20_POLY1305);
        if (chacha && BodyCiphers.chachaIsSlowHere()) {
            context.log().warning(0, PKG, "chacha20-poly1305 runs on Java " + Runtime.version().feature()
                    + "'s own cipher, which has no ChaCha20 intrinsic (about 4x the CPU of aes-128-gcm): run vtool on"
                    + " Java 22+ (./vtool prefers /usr/lib/jvm/temurin-25-jdk-amd64) or set \"security\": \"aes-128-gcm\"");
        }
    }

    @Override
    public void dispatch(Session session, Link link) {
        connect(session, link.eventLoop(), 0, ch -> {
            if (ch == null) {
                link.close();
                return;
            }
            try {
                // a Mux.cool carrier (destination v1.mux.cool) is command 3 with no address, as in 4.34
                RequestCommand command = MuxServer.carries(session.destination()) ? RequestCommand.MUX : RequestCommand.TCP;
                install(session, ch, command, session.destination(), null);
            } catch (VmessException e) {
                ch.close();
                link.close();
                return;
            }
            link.relayTo(ch);
        });
    }

    @Override
    public PacketConnection openPackets(Session session, EventLoop loop, PacketReceiver back) {
        return VmessPackets.open(this, session, loop, back);
    }

    /** Dials the next vnext server, retrying as 4.34 does; hands over the channel, or null after the last try. */
    void connect(Session session, EventLoop loop, int n, Consumer<Channel> done) {
        Server server = servers.get(Math.floorMod(next.getAndIncrement(), servers.size()));
        context.dialer().connect(loop, server.address(), server.port(), sendThrough, session.policy())
                .addListener(f -> {
                    if (f.isSuccess()) {
                        Channel ch = (Channel) f.getNow();
                        ch.attr(SERVER_KEY).set(server);
                        done.accept(ch);
                        return;
                    }
                    if (n + 1 < ATTEMPTS) {
                        loop.schedule(() -> connect(session, loop, n + 1, done), 200L * (n + 1), TimeUnit.MILLISECONDS);
                        return;
                    }
                    context.log().warning(session.id(), "app/proxyman/outbound", "failed to process outbound traffic > "
                            + "v2ray.com/core/" + PKG + ": failed to find an available destination > v2ray.com/core/common/retry: "
                            + "[" + f.cause().getMessage() + "] > v2ray.com/core/common/retry: all retry attempts failed");
                    done.accept(null);
                });
    }

    /**
     * Puts the VMess codec on a connected channel and sends the request header at once.
     *
     * @param sink for UDP: where decoded answers go (null for a relayed stream)
     */
    void install(Session session, Channel ch, RequestCommand command, Destination destination,
                 ChannelInboundHandlerAdapter sink) throws VmessException {
        Server server = (Server) ch.attr(SERVER_KEY).get();
        VmessAccount account = server.users().get(ThreadLocalRandom.current().nextInt(server.users().size()));
        ClientSession client = new ClientSession(account.id(), account.alternates(), VmessRandom.SYSTEM);
        RequestTarget target = RequestTarget.of(destination.host(), destination.port());
        byte[] header = client.encodeRequestHeader(account.options(), account.security(), command, target,
                System.currentTimeMillis() / 1000);
        context.log().info(session.id(), PKG, "tunneling request to " + destination + " via "
                + server.address() + ":" + server.port());
        ch.pipeline().addLast("vmess-request", new VmessRequestEncoder(client, header));
        ch.pipeline().addLast("vmess-response", new VmessResponseDecoder(client, cause ->
                context.log().info(session.id(), PKG, "failed to read response > " + cause)));
        if (sink != null) {
            ch.pipeline().addLast("vmess-packets", sink);
        }
    }

    EngineContext context() {
        return context;
    }
}
