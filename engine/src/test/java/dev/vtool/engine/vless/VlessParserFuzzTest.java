package dev.vtool.engine.vless;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.FuzzContexts;
import dev.vtool.engine.InboundHandler;
import dev.vtool.engine.LeakCheck;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.HexFormat;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the vless inbound's handshake through its real handler in an EmbeddedChannel (input starting with
 * the version and a known UUID half of the time), the addons check and the UDP frame decoder. A parser
 * problem must end the connection, never raise an exception into the pipeline.
 */
@ExtendWith(LeakCheck.class)
class VlessParserFuzzTest {
    private static final String JSON = """
            {"inbounds": [{"port": 1, "protocol": "vless",
              "settings": {"decryption": "none", "clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811"}]}}],
             "outbounds": [{"protocol": "freedom"}]}
            """;
    private static final byte[] PREFIX = HexFormat.of().parseHex("00b831381d63244d53ad4f8cda48b30811");
    private static EngineContext context;
    private static InboundHandler inbound;

    private static synchronized void init() throws Exception {
        if (context == null) {
            context = FuzzContexts.create(JSON);
            inbound = VlessInbound.create(EngineHarnessAccess.config(JSON).inbounds().get(0), context);
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
                    byte[] joined = new byte[PREFIX.length + chunk.length];
                    System.arraycopy(PREFIX, 0, joined, 0, PREFIX.length);
                    System.arraycopy(chunk, 0, joined, PREFIX.length, chunk.length);
                    chunk = joined;
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
    void addonsAndUdpFrames(byte[] data) {
        ByteBuf in = Unpooled.wrappedBuffer(data);
        try {
            VlessAddons.wellFormed(in, 0, data.length);
            VlessUdpFrame.decode(in, ByteBuf::release);
            if (in.readableBytes() >= 2 && in.readableBytes() >= 2 + in.getUnsignedShort(in.readerIndex())) {
                throw new AssertionError("a whole frame was left undecoded");
            }
        } finally {
            in.release();
        }
    }
}
