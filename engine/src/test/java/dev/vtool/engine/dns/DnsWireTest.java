package dev.vtool.engine.dns;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsRecordEncoder;
import io.netty.handler.codec.dns.DnsRecordType;
import java.net.InetAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The in-place reading and writing of plain names gives what Netty's DNS codec gives. */
class DnsWireTest {
    private static byte[] codecAnswer(int id, String fqdn, int type, int rcode, List<InetAddress> ips) throws Exception {
        ByteBuf out = Unpooled.buffer();
        out.writeShort(id).writeShort(0x8000 | 0x0400 | 0x0100 | 0x0080 | rcode).writeShort(1)
                .writeShort(ips.size()).writeShort(0).writeShort(0);
        DnsRecordEncoder.DEFAULT.encodeQuestion(new DefaultDnsQuestion(fqdn, DnsRecordType.valueOf(type)), out);
        for (InetAddress ip : ips) {
            byte[] a = ip.getAddress();
            DefaultDnsRawRecord r = new DefaultDnsRawRecord(fqdn, a.length == 4 ? DnsRecordType.A : DnsRecordType.AAAA,
                    600, Unpooled.wrappedBuffer(a));
            DnsRecordEncoder.DEFAULT.encodeRecord(r, out);
            r.release();
        }
        return ByteBufUtil.getBytes(out);
    }

    private static ByteBuf query(int id, int flags, String fqdn, int type) throws Exception {
        ByteBuf out = Unpooled.buffer();
        out.writeShort(id).writeShort(flags).writeShort(1).writeShort(0).writeShort(0).writeShort(0);
        DnsRecordEncoder.DEFAULT.encodeQuestion(new DefaultDnsQuestion(fqdn, DnsRecordType.valueOf(type)), out);
        return out;
    }

    @Test
    void answersAreTheCodecsBytes() throws Exception {
        List<InetAddress> ips = List.of(InetAddress.getByName("10.0.0.1"), InetAddress.getByName("2001:db8::5"));
        for (String name : List.of("hit.example.test.", "A-b_c.Example.", "x.", "bücher.example.")) {
            for (List<InetAddress> some : List.of(ips, List.<InetAddress>of())) {
                byte[] got = ByteBufUtil.getBytes(DnsWire.answer(0xBEEF, name, DnsWire.TYPE_A, 0, some));
                assertArrayEquals(codecAnswer(0xBEEF, name, DnsWire.TYPE_A, 0, some), got, name);
            }
        }
        byte[] nx = ByteBufUtil.getBytes(DnsWire.answer(7, "gone.test.", DnsWire.TYPE_AAAA, 3, List.of()));
        assertArrayEquals(codecAnswer(7, "gone.test.", DnsWire.TYPE_AAAA, 3, List.of()), nx);
    }

    @Test
    void questionsReadAsTheCodecReadsThem() throws Exception {
        DnsWire.Query q = DnsWire.question(query(42, 0x0100, "Hit.Example.test.", 28));
        assertEquals(new DnsWire.Query(42, "Hit.Example.test.", 28), q);
        DnsWire.Query idn = DnsWire.question(query(1, 0x0100, "bücher.example.", 1));
        assertEquals("xn--bcher-kva.example.", idn.name(), "non-ASCII names go through the codec");
        assertNull(DnsWire.question(query(1, 0x8100, "a.test.", 1)), "a response is not a question");
        ByteBuf cut = query(1, 0x0100, "a.test.", 1);
        assertNull(DnsWire.question(cut.slice(0, cut.readableBytes() - 3)), "a question without its type and class");
        assertNull(DnsWire.question(Unpooled.wrappedBuffer(new byte[11])));
        // a name compressed with a pointer to the header region is left to the codec as before
        ByteBuf ptr = Unpooled.buffer();
        ptr.writeShort(9).writeShort(0x0100).writeShort(1).writeShort(0).writeShort(0).writeShort(0);
        ptr.writeByte(1).writeByte('a').writeByte(0xC0).writeByte(12 + 2).writeShort(1).writeShort(1);
        ByteBuf copy = ptr.copy();
        assertEquals(String.valueOf(DnsWire.codecQuestion(copy)), String.valueOf(DnsWire.question(ptr)));
    }
}
