package dev.vtool.engine.trojan;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.FuzzContexts;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.fallback.FallbackTable;
import dev.vtool.schema.protocol.fallback.Fallback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the trojan inbound's handshake through its real handler in an EmbeddedChannel (input starting
 * with a valid key half of the time, so the parser past the key is reached), the UDP frame decoder and the
 * fallback choice. A parser problem must end the connection, never raise an exception into the pipeline.
 */
@ExtendWith(LeakCheck.class)
class TrojanParserFuzzTest {
    private static final String JSON = """
            {"inbounds": [{"port": 1, "protocol": "trojan", "settings": {"clients": [{"password": "p"}]}}],
             "outbounds": [{"protocol": "freedom"}]}
            """;
    private static final byte[] KEY = (TrojanKey.of("p") + "\r\n").getBytes(StandardCharsets.US_ASCII);
    private static EngineContext context;
    private static InboundHandler inbound;

    private static synchronized void init() throws Exception {
        if (context == null) {
            context = FuzzContexts.create(JSON);
            inbound = TrojanInbound.create(EngineHarnessAccess.config(JSON).inbounds().get(0), context);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void handshake(FuzzedDataProvider data) throws Exception {
        init();
        EmbeddedChannel ch = new EmbeddedChannel();
        inbound.initConnection(ch, FuzzContexts.session());
        try {
            boolean first = true;
            while (data.remainingBytes() > 0 && ch.isOpen()) {
                byte[] chunk = data.consumeBytes(1 + data.consumeInt(0, 128));
                if (first && data.consumeBoolean()) {
                    chunk = concat(KEY, chunk);
                }
                first = false;
                ch.writeInbound(Unpooled.wrappedBuffer(chunk));
                ch.runPendingTasks();
            }
            ch.checkException();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void udpFrames(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            TrojanUdpFrame.decode(in, (d, payload) -> {
                if (d.port() < 0 || d.port() > 65535 || payload.readableBytes() > TrojanUdpFrame.MAX_PAYLOAD) {
                    throw new AssertionError("impossible frame " + d);
                }
                payload.release();
            });
        } catch (IllegalArgumentException declared) {
            // the inbound closes the connection on exactly this
        } finally {
            in.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void fallbackChoice(FuzzedDataProvider data) {
        FallbackTable t = new FallbackTable(List.of(new Fallback("", "", "tcp", "127.0.0.1:1", 0),
                new Fallback("", "/a", "tcp", "127.0.0.1:2", 0), new Fallback("h2", "/b", "tcp", "127.0.0.1:3", 0)));
        String alpn = data.pickValue(new String[] {"", "h2", "http/1.1"});
        ByteBuf first = Unpooled.wrappedBuffer(data.consumeRemainingAsBytes());
        try {
            if (t.choose(alpn, first) == null) {
                throw new AssertionError("no entry and no exception");
            }
            if (first.readerIndex() != 0) {
                throw new AssertionError("the first read was consumed");
            }
        } catch (FallbackTable.NoFallback impossibleHere) {
            throw new AssertionError("a default entry exists", impossibleHere);
        } finally {
            first.release();
        }
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
