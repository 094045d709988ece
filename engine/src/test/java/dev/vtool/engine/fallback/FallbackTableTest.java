package dev.vtool.engine.fallback;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vtool.schema.protocol.fallback.Fallback;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** 4.34's fallback choice (alpn, then path from the first read) and its PROXY headers. */
class FallbackTableTest {
    private static final Fallback DEFAULT = new Fallback("", "", "tcp", "127.0.0.1:80", 0);
    private static final Fallback SPECIAL = new Fallback("", "/special", "tcp", "127.0.0.1:81", 1);
    private static final Fallback H11_V2 = new Fallback("http/1.1", "/v2", "tcp", "127.0.0.1:82", 2);

    private static ByteBuf text(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.ISO_8859_1);
    }

    private static Fallback choose(FallbackTable t, String alpn, String first) throws Exception {
        ByteBuf b = text(first);
        try {
            return t.choose(alpn, b);
        } finally {
            b.release();
        }
    }

    @Test
    void pathAndAlpnAsIn434() throws Exception {
        FallbackTable t = new FallbackTable(List.of(DEFAULT, SPECIAL, H11_V2));
        assertEquals(DEFAULT, choose(t, "", "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(SPECIAL, choose(t, "", "GET /special HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(DEFAULT, choose(t, "", "GET /specialX HTTP/1.1\r\nHost: x\r\n\r\n"), "exact match only");
        assertEquals(DEFAULT, choose(t, "", "GET /v2 HTTP/1.1\r\nHost: x\r\n\r\n"), "/v2 exists only for http/1.1");
        assertEquals(H11_V2, choose(t, "http/1.1", "GET /v2 HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(SPECIAL, choose(t, "http/1.1", "GET /special HTTP/1.1\r\nHost: x\r\n\r\n"), "\"\" entries are copied into every alpn");
        assertEquals(DEFAULT, choose(t, "h2", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"), "an h2 preface has no path");
        assertEquals(SPECIAL, choose(t, "", "OPTIONS /special HTTP/1.1\r\nHost: x\r\n\r\n"), "method up to 7 letters");
    }

    @Test
    void requestPathRules() {
        assertEquals("/a", path("POST /a HTTP/1.1\r\n\r\n"));
        assertNull(path("GET /a"), "shorter than 18 bytes");
        assertNull(path("GET /abc\r\nHTTP/1.1 x y z"), "a line end before the space");
        assertNull(path("GET /" + "a".repeat(80) + " HTTP/1.1\r\n"), "no space within the first 64 bytes");
        assertNull(path("XXXXXXXXXX /a HTTP/1.1\r\n"), "the slash must be at 4..8");
    }

    private static String path(String s) {
        ByteBuf b = text(s);
        try {
            return FallbackTable.requestPath(b);
        } finally {
            b.release();
        }
    }

    @Test
    void withoutADefaultAlpnNothingMatchesTheOtherAlpns() throws Exception {
        FallbackTable t = new FallbackTable(List.of(H11_V2));
        assertThrows(FallbackTable.NoFallback.class, () -> choose(t, "", "GET /v2 HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertThrows(FallbackTable.NoFallback.class, () -> choose(t, "http/1.1", "GET /v3 HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals(H11_V2, choose(t, "http/1.1", "GET /v2 HTTP/1.1\r\nHost: x\r\n\r\n"));
    }

    @Test
    void proxyHeadersAsIn434() {
        InetSocketAddress src = new InetSocketAddress("127.0.0.1", 40000);
        InetSocketAddress dst = new InetSocketAddress("127.0.0.1", 443);
        ByteBuf v1 = ProxyHeader.encode(ByteBufAllocator.DEFAULT, 1, src, dst);
        assertEquals("PROXY TCP4 127.0.0.1 127.0.0.1 40000 443\r\n", v1.toString(StandardCharsets.US_ASCII));
        v1.release();
        ByteBuf v2 = ProxyHeader.encode(ByteBufAllocator.DEFAULT, 2, src, dst);
        assertEquals("0d0a0d0a000d0a515549540a21" + "11000c" + "7f000001" + "7f000001" + "9c40" + "01bb", ByteBufUtil.hexDump(v2));
        v2.release();
        ByteBuf v6 = ProxyHeader.encode(ByteBufAllocator.DEFAULT, 1, new InetSocketAddress("::1", 5), new InetSocketAddress("::1", 6));
        assertEquals("PROXY TCP6 0:0:0:0:0:0:0:1 0:0:0:0:0:0:0:1 5 6\r\n", v6.toString(StandardCharsets.US_ASCII));
        v6.release();
    }
}
