package dev.vtool.engine.sniff;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;

/** Fuzzes the TLS ClientHello and HTTP sniffers: any bytes give a result, none throws or moves the reader. */
class SnifferFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void sniff(byte[] data) {
        ByteBuf buf = Unpooled.wrappedBuffer(data);
        check(Sniffer.sniff(buf), buf);
        check(TlsSniffer.sniff(buf), buf);
        check(HttpSniffer.sniff(buf), buf);
    }

    private static void check(SniffResult r, ByteBuf buf) {
        if (r == null || buf.readerIndex() != 0) {
            throw new AssertionError("sniffer returned null or consumed bytes");
        }
        if (r.found() && r.domain() == null) {
            throw new AssertionError("found without a domain");
        }
    }
}
