package dev.vtool.testprotocol.echo.engine;

import dev.vtool.engine.Link;
import dev.vtool.engine.OutboundHandler;
import dev.vtool.engine.ProtocolProvider;
import dev.vtool.engine.ProtocolRegistry;
import dev.vtool.engine.Session;
import dev.vtool.testprotocol.echo.config.EchoSettings;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;

/** Engine side of the test protocol {@code echo}: answers every connection with its greeting and closes. */
public final class EchoProtocol implements ProtocolProvider {
    @Override
    public void register(ProtocolRegistry registry) {
        registry.outbound("echo", (config, context) -> {
            byte[] greeting = ((EchoSettings) config.settings()).greeting().getBytes(StandardCharsets.UTF_8);
            return new OutboundHandler() {
                @Override
                public void dispatch(Session session, Link link) {
                    link.respondAndClose(Unpooled.wrappedBuffer(greeting));
                }
            };
        });
    }
}
