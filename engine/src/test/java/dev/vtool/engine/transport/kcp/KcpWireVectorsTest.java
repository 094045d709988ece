package dev.vtool.engine.transport.kcp;

import dev.vtool.engine.transport.PacketHeader;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.vtool.schema.transport.kcp.KcpSettings;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** mKCP's wire format against the vectors 4.34's own code produced (segments, envelopes, headers, defaults). */
class KcpWireVectorsTest {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] HELLO = "hello mKCP".getBytes(StandardCharsets.US_ASCII);
    private static final KcpSegment DATA = new KcpSegment.Data(0x1234, 0, 3000, 5, 3, HELLO);
    private static final KcpSegment ACK = new KcpSegment.Ack(0x1234, 0, 782, 6, 3000, new int[] {5, 7});

    private static String hex(byte[] b) {
        return HEX.formatHex(b);
    }

    @Test
    void segments() {
        assertEquals("1234010000000bb80000000500000003000a68656c6c6f206d4b4350", hex(DATA.bytes()));
        assertEquals("123401010000006400000000000000000000",
                hex(new KcpSegment.Data(0x1234, 1, 100, 0, 0, new byte[0]).bytes()));
        assertEquals("123400000000030e0000000600000bb8020000000500000007", hex(ACK.bytes()));
        assertEquals("12340300000000060000000800000096",
                hex(new KcpSegment.Cmd(0x1234, KcpSegment.CMD_PING, 0, 6, 8, 150).bytes()));
        assertEquals("12340201000000060000000800000096",
                hex(new KcpSegment.Cmd(0x1234, KcpSegment.CMD_TERMINATE, 1, 6, 8, 150).bytes()));
    }

    @Test
    void segmentsParseBackAndStopAtTheFirstBadOne() {
        byte[] both = HEX.parseHex(hex(DATA.bytes()) + hex(ACK.bytes()));
        List<KcpSegment> s = KcpSegment.parseAll(both, 0, both.length);
        assertEquals(2, s.size());
        KcpSegment.Data d = assertInstanceOf(KcpSegment.Data.class, s.get(0));
        assertArrayEquals(HELLO, d.payload());
        assertEquals(5, d.number());
        KcpSegment.Ack a = assertInstanceOf(KcpSegment.Ack.class, s.get(1));
        assertArrayEquals(new int[] {5, 7}, a.numbers());
        // a DATA whose length overruns the datagram, and one 14 bytes short of its header
        byte[] cut = HEX.parseHex("1234010000000bb80000000500000003000a68656c6c6f");
        assertEquals(0, KcpSegment.parseAll(cut, 0, cut.length).size());
        byte[] shortHeader = HEX.parseHex("1234010000000bb8000000050000000300");
        assertEquals(0, KcpSegment.parseAll(shortHeader, 0, shortHeader.length).size());
    }

    @Test
    void simpleEnvelope() {
        KcpEnvelope simple = KcpEnvelope.of(null);
        assertEquals("87d3821a87cf902e86cf902e8d77902e8d72902e8d719024e514fc488a349103c964", hex(simple.seal(DATA.bytes())));
        assertEquals("0f801e4c0f990c780f990c780c970c780c910c7807290e7807290b7807290c", hex(simple.seal(ACK.bytes())));
        assertEquals("116dcc9c116ecd9e12", hex(simple.seal(new byte[] {1, 2, 3})));
        byte[] sealed = simple.seal(DATA.bytes());
        assertArrayEquals(DATA.bytes(), simple.open(sealed, 0, sealed.length));
        sealed[9] ^= 1;
        assertNull(simple.open(sealed, 0, sealed.length), "a changed byte fails the checksum");
    }

    @Test
    void seededEnvelope() {
        KcpEnvelope.Seeded seeded = new KcpEnvelope.Seeded("vtool-seed");
        assertEquals("a4f95407d27b858de36607489078f88a", hex(seeded.key()));
        byte[] nonce = HEX.parseHex("000102030405060708090a0b");
        byte[] sealed = seeded.seal(DATA.bytes(), nonce);
        assertEquals("000102030405060708090a0b"
                + "b5085bb5053b3d8f3fdc9928c862dad57569050354dd309ee814ec04756e0918d498fa0d7e2ff0132e933ebe", hex(sealed));
        assertEquals("b5085ab5053b35393fdc992bc862d16e77636d663db15fbe822c08aeb4a3bcc8c15c54d55651afc405",
                hex(seeded.seal(ACK.bytes(), nonce)).substring(24));
        assertArrayEquals(DATA.bytes(), seeded.open(sealed, 0, sealed.length));
        assertNull(new KcpEnvelope.Seeded("other").open(sealed, 0, sealed.length));
        assertEquals(16, seeded.overhead(), "4.34 forgets the nonce when it sizes segments");
    }

    @Test
    void fullDatagramWithWechatVideoHeader() {
        PacketHeader h = PacketHeader.of("wechat-video", 0x2000);
        byte[] head = h.next();
        assertEquals("a108000020010010111830223087d3821a87cf902e86cf902e8d77902e8d72902e8d719024e514fc488a349103c964",
                hex(head) + hex(KcpEnvelope.of(null).seal(DATA.bytes())));
    }

    @Test
    void headerSequences() {
        assertEquals(List.of("b5e81001", "b5e81002", "b5e81003"), first(PacketHeader.of("srtp", 0x1000), 3));
        assertEquals(List.of("beef0100", "beef0100"), first(PacketHeader.of("utp", 0xBEEF), 2));
        assertEquals(List.of("a1080000200100101118302230", "a1080000200200101118302230"),
                first(PacketHeader.of("wechat-video", 0x2000), 2));
        assertEquals(List.of("17fefd01020000000000000011", "17fefd01020000000000010022", "17fefd01020000000000020033",
                "17fefd01020000000000030044", "17fefd01020000000000040055", "17fefd01020000000000050034",
                "17fefd01020000000000060045"), first(PacketHeader.of("dtls", 0x0102), 7));
        assertEquals(List.of("04000000", "04000000"), first(PacketHeader.of("wireguard", 0), 2));
        assertEquals(0, PacketHeader.of("none").size());
    }

    private static List<String> first(PacketHeader h, int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> hex(h.next())).toList();
    }

    @Test
    void derivedDefaults() {
        KcpParams p = KcpParams.of(KcpSettings.DEFAULT, 0, 6);
        assertEquals(194, p.sendInFlight());
        assertEquals(776, p.recvInFlight());
        assertEquals(1553, p.sendBuffer());
        assertEquals(1350 - 6 - 18, p.mss());
        assertEquals(1350 - 13 - 16 - 18, KcpParams.of(KcpSettings.DEFAULT, 13, 16).mss());
    }
}
