package dev.vtool.engine;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.engine.routing.GeoData;
import dev.vtool.engine.routing.Router;
import dev.vtool.engine.transport.Dialer;
import dev.vtool.engine.transport.Resolver;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.LogLevel;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Map;

/**
 * Engine services for fuzzing an inbound's parser in an EmbeddedChannel: every dispatched request
 * goes to an outbound that just closes it, and logs go nowhere.
 */
public final class FuzzContexts {
    private static final Resolver RESOLVER = new Resolver();

    private FuzzContexts() {
    }

    public static EngineContext create(String json) throws Exception {
        return create(json, session -> { });
    }

    /** The same, telling {@code dispatched} about every session that reached the outbound. */
    public static EngineContext create(String json, java.util.function.Consumer<Session> dispatched) throws Exception {
        Config config = EngineHarness.config(json);
        EngineLog log = new EngineLog(LogLevel.DEBUG, new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()));
        EngineContext context = new EngineContext(log, config.policy(), new Dialer(RESOLVER),
                new dev.vtool.engine.dns.SystemNameLookup(RESOLVER));
        OutboundHandler closer = new OutboundHandler() {
            @Override
            public void dispatch(Session session, Link link) {
                dispatched.accept(session);
                link.close();
            }
        };
        context.dispatcher(new Dispatcher(new Router(config.routing(), List.of("x"), GeoData.standard()),
                Map.of("x", closer), closer, "x", Map.of(), new dev.vtool.engine.dns.SystemNameLookup(RESOLVER), log));
        return context;
    }

    public static Session session() throws Exception {
        return new Session(1, new InetSocketAddress("127.0.0.1", 40000), "in", "tcp:127.0.0.1:40000",
                EngineHarness.config("{}").policy().forLevel(0));
    }
}
