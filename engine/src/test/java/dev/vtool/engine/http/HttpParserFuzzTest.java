package dev.vtool.engine.http;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.EngineContext;
import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.FuzzContexts;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.protocol.http.HttpInboundSettings;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpServerKeepAliveHandler;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the http inbound's request handling (request line, headers, Proxy-Authorization, CONNECT and
 * absolute-form targets) through its real pipeline in an EmbeddedChannel, and the authority parser.
 */
@ExtendWith(LeakCheck.class)
class HttpParserFuzzTest {
    private static final String JSON = """
            {"inbounds": [{"port": 8080, "protocol": "http",
              "settings": {"accounts": [{"user": "u", "pass": "p"}]}}],
             "outbounds": [{"protocol": "freedom"}]}
            """;
    private static EngineContext context;
    private static HttpInboundSettings settings;

    private static synchronized void init() throws Exception {
        if (context == null) {
            context = FuzzContexts.create(JSON);
            settings = (HttpInboundSettings) EngineHarnessAccess.config(JSON).inbounds().get(0).settings();
        }
    }

    @FuzzTest(maxDuration = "60s")
    void request(FuzzedDataProvider data) throws Exception {
        init();
        EmbeddedChannel ch = new EmbeddedChannel();
        ch.pipeline().addLast("http-codec", new HttpServerCodec());
        ch.pipeline().addLast("http-keepalive", new HttpServerKeepAliveHandler());
        ch.pipeline().addLast("http-proxy", new HttpProxyHandler(settings, context, FuzzContexts.session(), "in"));
        try {
            while (data.remainingBytes() > 0 && ch.isOpen()) {
                ch.writeInbound(Unpooled.wrappedBuffer(data.consumeBytes(1 + data.consumeInt(0, 200))));
                ch.runPendingTasks();
            }
            ch.checkException();
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void authority(FuzzedDataProvider data) {
        int defaultPort = data.consumeBoolean() ? 80 : 443;
        try {
            var d = HttpProxyHandler.parseAuthority(data.consumeRemainingAsString(), defaultPort);
            if (d != null && (d.port() < 0 || d.port() > 65535)) {
                throw new AssertionError("impossible port " + d);
            }
        } catch (IllegalArgumentException declared) {
            // documented rejection
        }
    }
}
