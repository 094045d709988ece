package dev.vtool.engine.dns;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.dns.DefaultDnsOptEcsRecord;
import io.netty.handler.codec.dns.DefaultDnsQuestion;
import io.netty.handler.codec.dns.DefaultDnsRawRecord;
import io.netty.handler.codec.dns.DnsQuestion;
import io.netty.handler.codec.dns.DnsRawRecord;
import io.netty.handler.codec.dns.DnsRecord;
import io.netty.handler.codec.dns.DnsRecordDecoder;
import io.netty.handler.codec.dns.DnsRecordEncoder;
import io.netty.handler.codec.dns.DnsRecordType;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/**
 * DNS messages as 4.34 writes and reads them, with Netty's DNS record codec for names, questions and
 * records and the 12-byte header done here: queries with RD set and an optional EDNS0 client subnet,
 * responses reduced to their A/AAAA answers and the smallest TTL.
 */
public final class DnsWire {
    public static final int TYPE_A = 1;
    public static final int TYPE_AAAA = 28;
    /** 4.34 caches an answer without a TTL (or with TTL 0) for ten minutes. */
    public static final long DEFAULT_TTL_SECONDS = 600;

    private DnsWire() {
    }

    /** A parsed response: its id, code, the addresses of A/AAAA answers and the smallest TTL (600 if none). */
    public record Response(int id, int rcode, List<InetAddress> ips, long ttlSeconds) {
    }

    /** A parsed question of a query: id, name (with the final dot) and type. */
    public record Query(int id, String name, int type) {
    }

    /** A query for one name and type; {@code clientIp} (may be null) goes in an EDNS0 client subnet option. */
    public static ByteBuf query(int id, String fqdn, int type, InetAddress clientIp) {
        ByteBuf out = Unpooled.buffer(64);
        out.writeShort(id).writeShort(0x0100).writeShort(1).writeShort(0).writeShort(0)
                .writeShort(clientIp == null ? 0 : 1);
        try {
            DnsRecordEncoder.DEFAULT.encodeQuestion(new DefaultDnsQuestion(fqdn, DnsRecordType.valueOf(type)), out);
            if (clientIp != null) {
                // 4.34 sends /24 for IPv4 and /96 for IPv6 with a 1350-byte UDP payload size
                int prefix = clientIp.getAddress().length == 4 ? 24 : 96;
                DnsRecordEncoder.DEFAULT.encodeRecord(new DefaultDnsOptEcsRecord(1350, prefix,
                        clientIp.getAddress()), out);
            }
        } catch (Exception e) {
            out.release();
            throw new IllegalArgumentException("cannot encode a DNS query for " + fqdn + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Reads a response; throws IllegalArgumentException on a malformed message. Does not release {@code in}. */
    public static Response response(ByteBuf in) {
        ByteBuf msg = Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.getBytes(in)); // names point into it
        try {
            if (msg.readableBytes() < 12) {
                throw new IllegalArgumentException("DNS message shorter than its header");
            }
            int id = msg.readUnsignedShort();
            int flags = msg.readUnsignedShort();
            int qd = msg.readUnsignedShort();
            int an = msg.readUnsignedShort();
            msg.skipBytes(4);
            for (int i = 0; i < qd; i++) {
                DnsRecordDecoder.DEFAULT.decodeQuestion(msg);
            }
            List<InetAddress> ips = new ArrayList<>();
            long ttl = DEFAULT_TTL_SECONDS;
            for (int i = 0; i < an; i++) {
                DnsRecord r = DnsRecordDecoder.DEFAULT.decodeRecord(msg);
                if (r == null) {
                    break;
                }
                try {
                    long t = r.timeToLive() == 0 ? DEFAULT_TTL_SECONDS : r.timeToLive();
                    ttl = Math.min(ttl, t);
                    int type = r.type().intValue();
                    if ((type == TYPE_A || type == TYPE_AAAA) && r instanceof DnsRawRecord raw) {
                        byte[] addr = io.netty.buffer.ByteBufUtil.getBytes(raw.content());
                        if (addr.length == (type == TYPE_A ? 4 : 16)) {
                            ips.add(InetAddress.getByAddress(addr));
                        }
                    }
                } finally {
                    io.netty.util.ReferenceCountUtil.release(r);
                }
            }
            return new Response(id, flags & 0xF, ips, ttl);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalArgumentException("malformed DNS message: " + e.getMessage(), e);
        } finally {
            msg.release();
        }
    }

    /** The first question of a query; null when it has none or cannot be read. Does not release {@code in}. */
    public static Query question(ByteBuf in) {
        Query fast = plainQuestion(in);
        return fast != null ? fast : codecQuestion(in);
    }

    /**
     * The common case read in place, without copies: an uncompressed name of letters, digits, '-' and '_'
     * in labels of at most 63 bytes, which Netty's codec would return unchanged. Null for anything else
     * (then the codec decides, so both read every message alike).
     */
    private static Query plainQuestion(ByteBuf in) {
        int at = in.readerIndex();
        int end = in.writerIndex();
        if (end - at < 12) {
            return null;
        }
        int flags = in.getUnsignedShort(at + 2);
        if ((flags & 0x8000) != 0 || in.getUnsignedShort(at + 4) < 1) {
            return null;
        }
        int p = at + 12;
        StringBuilder name = new StringBuilder(32);
        while (true) {
            if (p >= end) {
                return null;
            }
            int len = in.getUnsignedByte(p++);
            if (len == 0) {
                break;
            }
            if (len > 63 || p + len > end) {
                return null;
            }
            for (int i = 0; i < len; i++) {
                char c = (char) in.getUnsignedByte(p + i);
                if (!plainNameChar(c)) {
                    return null;
                }
                name.append(c);
            }
            name.append('.');
            p += len;
        }
        if (name.isEmpty() || p + 4 > end) {
            return null;
        }
        return new Query(in.getUnsignedShort(at), name.toString(), in.getUnsignedShort(p));
    }

    private static boolean plainNameChar(char c) {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '_';
    }

    /** Netty's codec reading of a question (package-private for the test that compares the two). */
    static Query codecQuestion(ByteBuf in) {
        ByteBuf msg = Unpooled.wrappedBuffer(io.netty.buffer.ByteBufUtil.getBytes(in));
        try {
            if (msg.readableBytes() < 12) {
                return null;
            }
            int id = msg.readUnsignedShort();
            int flags = msg.readUnsignedShort();
            int qd = msg.readUnsignedShort();
            msg.skipBytes(6);
            if ((flags & 0x8000) != 0 || qd < 1) {
                return null;
            }
            DnsQuestion q = DnsRecordDecoder.DEFAULT.decodeQuestion(msg);
            return new Query(id, q.name(), q.type().intValue());
        } catch (Exception e) {
            return null;
        } finally {
            msg.release();
        }
    }

    /**
     * The answer 4.34's DNS outbound writes for a hijacked query: response, authoritative, RD and RA set,
     * the question repeated and every address with TTL 600.
     */
    public static ByteBuf answer(int id, String fqdn, int type, int rcode, List<InetAddress> ips) {
        if (isPlainName(fqdn)) {
            return plainAnswer(id, fqdn, type, rcode, ips);
        }
        ByteBuf out = Unpooled.buffer(64 + ips.size() * 28);
        out.writeShort(id).writeShort(0x8000 | 0x0400 | 0x0100 | 0x0080 | (rcode & 0xF)).writeShort(1)
                .writeShort(ips.size()).writeShort(0).writeShort(0);
        try {
            DnsRecordEncoder.DEFAULT.encodeQuestion(new DefaultDnsQuestion(fqdn, DnsRecordType.valueOf(type)), out);
            for (InetAddress ip : ips) {
                byte[] a = ip.getAddress();
                DnsRecordType t = a.length == 4 ? DnsRecordType.A : DnsRecordType.AAAA;
                DefaultDnsRawRecord r = new DefaultDnsRawRecord(fqdn, t, DEFAULT_TTL_SECONDS, Unpooled.wrappedBuffer(a));
                try {
                    DnsRecordEncoder.DEFAULT.encodeRecord(r, out);
                } finally {
                    r.release();
                }
            }
        } catch (Exception e) {
            out.release();
            throw new IllegalArgumentException("cannot encode a DNS answer for " + fqdn + ": " + e.getMessage(), e);
        }
        return out;
    }

    /** Labels of letters, digits, '-' and '_' (1 to 63 each), each followed by a dot: written as is. */
    private static boolean isPlainName(String fqdn) {
        int label = 0;
        for (int i = 0; i < fqdn.length(); i++) {
            char c = fqdn.charAt(i);
            if (c == '.') {
                if (label == 0) {
                    return false;
                }
                label = 0;
            } else if (!plainNameChar(c) || ++label > 63) {
                return false;
            }
        }
        return label == 0 && !fqdn.isEmpty();
    }

    /** The same bytes as the codec writes for a plain name: the name in full in every record, class IN. */
    private static ByteBuf plainAnswer(int id, String fqdn, int type, int rcode, List<InetAddress> ips) {
        int nameLength = fqdn.length() + 1;
        ByteBuf out = Unpooled.buffer(12 + nameLength + 4 + ips.size() * (nameLength + 10 + 16));
        out.writeShort(id).writeShort(0x8000 | 0x0400 | 0x0100 | 0x0080 | (rcode & 0xF)).writeShort(1)
                .writeShort(ips.size()).writeShort(0).writeShort(0);
        writePlainName(fqdn, out);
        out.writeShort(type).writeShort(1);
        for (InetAddress ip : ips) {
            byte[] a = ip.getAddress();
            writePlainName(fqdn, out);
            out.writeShort(a.length == 4 ? TYPE_A : TYPE_AAAA).writeShort(1).writeInt((int) DEFAULT_TTL_SECONDS)
                    .writeShort(a.length).writeBytes(a);
        }
        return out;
    }

    private static void writePlainName(String fqdn, ByteBuf out) {
        int start = 0;
        for (int dot = fqdn.indexOf('.'); dot >= 0; start = dot + 1, dot = fqdn.indexOf('.', start)) {
            out.writeByte(dot - start);
            for (int i = start; i < dot; i++) {
                out.writeByte(fqdn.charAt(i));
            }
        }
        out.writeByte(0);
    }

    /** {@code name} with a final dot, as names travel in messages. */
    public static String fqdn(String name) {
        return name.endsWith(".") ? name : name + ".";
    }

    static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IP literal: " + literal, e);
        }
    }
}
