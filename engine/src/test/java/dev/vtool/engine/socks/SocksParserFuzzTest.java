package dev.vtool.engine.socks;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.FuzzContexts;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.Network;
import dev.vtool.schema.protocol.socks.SocksInboundSettings;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the socks inbound's TCP handshake (SOCKS4/4a/5, password auth, commands) through its real
 * handlers in an EmbeddedChannel, and the UDP datagram header parser. A parser problem must end the
 * connection, never raise an exception into the pipeline.
 */
@ExtendWith(LeakCheck.class)
class SocksParserFuzzTest {
    private static final String JSON = """
            {"inbounds": [{"port": 1080, "protocol": "socks",
              "settings": {"auth": "password", "accounts": [{"user": "u", "pass": "p"}]}}],
             "outbounds": [{"protocol": "freedom"}]}
            """;
    private static EngineContext context;
    private static SocksInboundSettings settings;

    private static synchronized void init() throws Exception {
        if (context == null) {
            context = FuzzContexts.create(JSON);
            settings = (SocksInboundSettings) EngineHarnessAccess.config(JSON).inbounds().get(0).settings();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void tcpHandshake(FuzzedDataProvider data) throws Exception {
        init();
        SocksServerHandler handler = new SocksServerHandler(settings, context, FuzzContexts.session(),
                new UdpAssociations());
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("socks-detect", new SocksVersionDetector(handler));
        ch.pipeline().addLast("socks-handler", handler);
        try {
            while (data.remainingBytes() > 0 && ch.isOpen()) {
                ch.writeInbound(Unpooled.wrappedBuffer(data.consumeBytes(1 + data.consumeInt(0, 64))));
                ch.runPendingTasks();
            }
            ch.checkException();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void udpHeader(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            var d = SocksAddress.readUdpHeader(in);
            if (d != null && (d.port() < 0 || d.port() > 65535 || d.network() != Network.UDP)) {
                throw new AssertionError("impossible destination " + d);
            }
        } catch (IllegalArgumentException | IndexOutOfBoundsException declared) {
            // the relay catches exactly these and drops the datagram
        }
    }
}
