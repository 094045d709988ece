package dev.vtool.engine.socks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequest;
import io.netty.handler.codec.socksx.v5.Socks5CommandRequestDecoder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * A SOCKS5 request for a 255-character domain: Netty's decoder runs it through IDN.toASCII, which throws
 * IllegalArgumentException for a label over 63 characters. The log line names the problem, not the
 * Java exception.
 */
class LongDomainRequestTest {
    private static Socks5CommandRequest decode(String domain) {
        byte[] name = domain.getBytes(StandardCharsets.US_ASCII);
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(new byte[] {5, 1, 0, 3, (byte) name.length});
        in.writeBytes(name);
        in.writeShort(80);
        EmbeddedChannel ch = new EmbeddedChannel(new Socks5CommandRequestDecoder());
        ch.writeInbound(in);
        Socks5CommandRequest r = ch.readInbound();
        ch.finishAndReleaseAll();
        return r;
    }

    @Test
    void aTooLongLabelIsNamedNotThrown() {
        Socks5CommandRequest r = decode("a".repeat(255));
        assertTrue(r.decoderResult().isFailure(), "Netty refuses the name");
        String reason = SocksServerHandler.readFailure(r.decoderResult().cause());
        assertFalse(reason.contains("Exception"), reason);
        assertTrue(reason.contains("invalid destination domain name"), reason);
    }

    @Test
    void anOrdinaryDomainStillDecodes() {
        Socks5CommandRequest r = decode("example.com");
        assertFalse(r.decoderResult().isFailure());
        assertEquals("example.com", r.dstAddr());
    }
}
