package dev.vtool.engine.sniff;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class SnifferTest {
    private static ByteBuf ascii(String s) {
        return Unpooled.copiedBuffer(s, StandardCharsets.US_ASCII);
    }

    @Test
    void httpHostWithoutPort() {
        ByteBuf b = ascii("GET / HTTP/1.1\r\nUser-Agent: x\r\nhost: Example.COM:8080\r\n\r\n");
        assertEquals(SniffResult.found("http1", "Example.COM"), Sniffer.sniff(b));
        assertEquals(0, b.readerIndex(), "sniffing must not consume");
        b.release();
    }

    @Test
    void httpNeedsMoreUntilHeadersAreThere() {
        ByteBuf partial = ascii("GET / HTTP/1.1\r\nUser-Ag");
        assertEquals(SniffResult.Status.NEED_MORE, Sniffer.sniff(partial).status());
        partial.release();
        ByteBuf tiny = ascii("PO");
        assertEquals(SniffResult.Status.NEED_MORE, Sniffer.sniff(tiny).status());
        tiny.release();
        ByteBuf other = ascii("SSH-2.0-OpenSSH_9\r\n");
        assertEquals(SniffResult.Status.NOT_THIS, Sniffer.sniff(other).status());
        other.release();
    }

    @Test
    void httpIpv6HostLiteral() {
        ByteBuf b = ascii("GET / HTTP/1.1\r\nHost: [::1]:80\r\n\r\n");
        assertEquals("::1", Sniffer.sniff(b).domain());
        b.release();
    }

    /** A real ClientHello (curl to www.example.org) cut to the fields the sniffer walks. */
    @Test
    void tlsServerName() {
        ByteBuf hello = clientHello("www.example.org");
        assertEquals(SniffResult.found("tls", "www.example.org"), Sniffer.sniff(hello));
        ByteBuf half = hello.slice(0, 20);
        assertEquals(SniffResult.Status.NEED_MORE, Sniffer.sniff(half).status());
        hello.release();
    }

    static ByteBuf clientHello(String sni) {
        byte[] name = sni.getBytes(StandardCharsets.US_ASCII);
        ByteBuf ext = Unpooled.buffer();
        ext.writeShort(0).writeShort(name.length + 5).writeShort(name.length + 3).writeByte(0)
                .writeShort(name.length).writeBytes(name);
        ext.writeShort(0x0010).writeShort(5).writeShort(3).writeByte(2).writeBytes("h2".getBytes(StandardCharsets.US_ASCII));
        ByteBuf body = Unpooled.buffer();
        body.writeShort(0x0303).writeBytes(new byte[32]).writeByte(0)
                .writeShort(2).writeShort(0x1301).writeByte(1).writeByte(0)
                .writeShort(ext.readableBytes()).writeBytes(ext);
        ByteBuf hs = Unpooled.buffer();
        hs.writeByte(1).writeMedium(body.readableBytes()).writeBytes(body);
        ByteBuf rec = Unpooled.buffer();
        rec.writeByte(0x16).writeShort(0x0301).writeShort(hs.readableBytes()).writeBytes(hs);
        ext.release();
        body.release();
        hs.release();
        return rec;
    }

    @Test
    void garbageIsNotTls() {
        ByteBuf b = Unpooled.wrappedBuffer(HexFormat.of().parseHex("1603010005ff00000000"));
        assertEquals(SniffResult.Status.NOT_THIS, Sniffer.sniff(b).status());
    }
}
