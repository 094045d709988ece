package dev.vtool.engine.vless;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The VLESS request header, UDP framing and addons check against 4.34's test vectors (V17-V22). */
class VlessVectorsTest {
    private static final String UUID = "b831381d63244d53ad4f8cda48b30811";
    private static final byte[] ID = HexFormat.of().parseHex(UUID);
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static String hex(ByteBuf b) {
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    @Test
    void v17TcpToADomainWritesNoAddons() {
        assertEquals("00" + UUID + "00" + "01" + "01bb02" + "0b6578616d706c652e636f6d",
                hex(VlessRequest.encode(ALLOC, ID, VlessRequest.TCP, Destination.tcp("example.com", 443))));
    }

    /** 4.34's encoding_test TestMuxRequest: command 3 and no address, whatever the carrier's destination. */
    @Test
    void muxCarrierIsCommand3WithoutAnAddress() {
        assertEquals("00" + UUID + "00" + "03",
                hex(VlessRequest.encode(ALLOC, ID, VlessRequest.MUX, Destination.tcp("v1.mux.cool", 9527))));
    }

    @Test
    void v18UdpAndV19Ipv6() {
        assertEquals("00" + UUID + "00" + "02" + "0035" + "01" + "01010101",
                hex(VlessRequest.encode(ALLOC, ID, VlessRequest.UDP, new Destination(Network.UDP, "1.1.1.1", 53))));
        assertEquals("00" + UUID + "00" + "01" + "20fb" + "03" + "00000000000000000000000000000001",
                hex(VlessRequest.encode(ALLOC, ID, VlessRequest.TCP, Destination.tcp("::1", 8443))));
    }

    @Test
    void v21UdpAnswersAreLengthPrefixed() {
        String a = hex(VlessUdpFrame.encode(ALLOC, Unpooled.copiedBuffer("answer-1", StandardCharsets.US_ASCII)));
        String b = hex(VlessUdpFrame.encode(ALLOC, Unpooled.copiedBuffer("a2", StandardCharsets.US_ASCII)));
        assertEquals("0008616e737765722d31" + "00026132", a + b);
        ByteBuf in = Unpooled.wrappedBuffer(HexFormat.of().parseHex(a + b + "00"));
        List<String> got = new ArrayList<>();
        VlessUdpFrame.decode(in, p -> {
            got.add(p.toString(StandardCharsets.US_ASCII));
            p.release();
        });
        assertEquals(List.of("answer-1", "a2"), got);
        assertEquals(1, in.readableBytes(), "a partial frame waits");
        in.release();
    }

    @Test
    void v22AddonsWithAFlowAreWellFormedAndGarbageIsNot() {
        ByteBuf flow = Unpooled.wrappedBuffer(HexFormat.of().parseHex("0a1078746c732d727072782d646972656374"));
        assertTrue(VlessAddons.wellFormed(flow, 0, flow.readableBytes()));
        flow.release();
        ByteBuf bad = Unpooled.wrappedBuffer(HexFormat.of().parseHex("0a20ffff"));
        assertFalse(VlessAddons.wellFormed(bad, 0, bad.readableBytes()), "a length past the end");
        bad.release();
        ByteBuf wire = Unpooled.wrappedBuffer(HexFormat.of().parseHex("0f00"));
        assertFalse(VlessAddons.wellFormed(wire, 0, wire.readableBytes()), "wire type 7");
        wire.release();
    }
}
