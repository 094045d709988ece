package dev.vtool.engine.trojan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** Trojan's request header and UDP framing against the test vectors 4.34's own code produced (V14-V16). */
class TrojanVectorsTest {
    private static final String HEX56 = "08fcb71b676b425b93f30ea49ceeb7927c1f22e74350c2a97d8a3f89";
    private static final ByteBufAllocator ALLOC = ByteBufAllocator.DEFAULT;

    private static String hex(ByteBuf b) {
        try {
            return ByteBufUtil.hexDump(b);
        } finally {
            b.release();
        }
    }

    private static String keyHex() {
        return HexFormat.of().formatHex(HEX56.getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void keyIsTheHexOfSha224() {
        assertEquals(HEX56, TrojanKey.of("vtool-trojan"));
    }

    @Test
    void v14TcpToADomain() {
        ByteBuf h = TrojanRequest.encode(ALLOC, HEX56, TrojanRequest.CONNECT, Destination.tcp("example.com", 443));
        assertEquals(keyHex() + "0d0a01030b6578616d706c652e636f6d01bb0d0a", hex(h));
    }

    @Test
    void v15TcpToAnIpv4() {
        ByteBuf h = TrojanRequest.encode(ALLOC, HEX56, TrojanRequest.CONNECT, Destination.tcp("127.0.0.1", 8080));
        assertEquals(keyHex() + "0d0a01017f0000011f900d0a", hex(h));
    }

    @Test
    void v16UdpHeaderAndPackets() {
        Destination dns4 = new Destination(Network.UDP, "8.8.4.4", 53);
        Destination dns6 = new Destination(Network.UDP, "2001:4860:4860::8888", 53);
        assertEquals(keyHex() + "0d0a030108080404" + "00350d0a", hex(TrojanRequest.encode(ALLOC, HEX56, TrojanRequest.UDP_ASSOCIATE, dns4)));
        String p1 = hex(TrojanUdpFrame.encode(ALLOC, dns4, Unpooled.copiedBuffer("query1", StandardCharsets.US_ASCII)));
        String p2 = hex(TrojanUdpFrame.encode(ALLOC, dns6, Unpooled.copiedBuffer("q2", StandardCharsets.US_ASCII)));
        assertEquals("0108080404003500060d0a717565727931", p1);
        assertEquals("04" + "20014860486000000000000000008888" + "0035" + "0002" + "0d0a" + "7132", p2);
        ByteBuf both = Unpooled.wrappedBuffer(HexFormat.of().parseHex(p1 + p2));
        List<String> got = new ArrayList<>();
        TrojanUdpFrame.decode(both, (d, payload) -> {
            got.add(d + " " + payload.toString(StandardCharsets.US_ASCII));
            payload.release();
        });
        both.release();
        assertEquals(List.of("udp:8.8.4.4:53 query1", "udp:[2001:4860:4860::8888]:53 q2"), got);
    }

    @Test
    void longDatagramsAreSplitAt8192AndOversizeFramesRefused() {
        ByteBuf out = TrojanUdpFrame.encode(ALLOC, new Destination(Network.UDP, "1.2.3.4", 9), Unpooled.wrappedBuffer(new byte[10000]));
        List<Integer> sizes = new ArrayList<>();
        TrojanUdpFrame.decode(out, (d, p) -> {
            sizes.add(p.readableBytes());
            p.release();
        });
        out.release();
        assertEquals(List.of(8192, 1808), sizes);
        ByteBuf oversize = Unpooled.wrappedBuffer(HexFormat.of().parseHex("01010203040009" + "2001" + "0d0a"));
        assertThrows(IllegalArgumentException.class, () -> TrojanUdpFrame.decode(oversize, (d, p) -> p.release()));
        oversize.release();
    }
}
