package dev.vtool.engine.wire;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;

/**
 * The two address encodings of 4.34's proxy protocols (docs/spec/protocols.md, section 1): SOCKS style
 * {@code ATYP ADDR PORT} with types 1/3/4 (Trojan, Shadowsocks) and port first {@code PORT ATYP ADDR}
 * with types 1/2/3 (VLESS, VMess, Mux.cool). Reading never trusts the peer: an unknown type, an empty or
 * ill-formed domain is an {@link IllegalArgumentException} in 4.34's words.
 */
public enum WireAddress {
    SOCKS_STYLE(1, 3, 4),
    PORT_FIRST(1, 2, 3);


    private final int ipv4;
    private final int domain;
    private final int ipv6;

    WireAddress(int ipv4, int domain, int ipv6) {
        this.ipv4 = ipv4;
        this.domain = domain;
        this.ipv6 = ipv6;
    }

    /**
     * The encoded length at {@code offset} (relative to the reader index), or -1 if more bytes are needed
     * to tell.
     */
    public int length(ByteBuf in, int offset) {
        int typeAt = this == SOCKS_STYLE ? offset : offset + 2;
        if (in.readableBytes() < typeAt + 1) {
            return -1;
        }
        int type = in.getUnsignedByte(in.readerIndex() + typeAt);
        int addr;
        if (type == ipv4) {
            addr = 4;
        } else if (type == ipv6) {
            addr = 16;
        } else if (type == domain) {
            if (in.readableBytes() < typeAt + 2) {
                return -1;
            }
            addr = 1 + in.getUnsignedByte(in.readerIndex() + typeAt + 1);
        } else {
            throw new IllegalArgumentException("unknown address type: " + type);
        }
        return 1 + addr + 2;
    }

    /** Reads one address; call only once {@link #length} said it is all there. */
    public Destination read(ByteBuf in, Network network) {
        int port = this == PORT_FIRST ? in.readUnsignedShort() : -1;
        int type = in.readUnsignedByte();
        String host;
        if (type == ipv4 || type == ipv6) {
            byte[] a = new byte[type == ipv4 ? 4 : 16];
            in.readBytes(a);
            host = NetUtil.bytesToIpAddress(a);
        } else if (type == domain) {
            host = domain(in.readCharSequence(in.readUnsignedByte(), StandardCharsets.ISO_8859_1).toString());
        } else {
            throw new IllegalArgumentException("unknown address type: " + type);
        }
        if (this == SOCKS_STYLE) {
            port = in.readUnsignedShort();
        }
        return new Destination(network, host, port);
    }

    public void write(ByteBuf out, Destination d) {
        if (this == PORT_FIRST) {
            out.writeShort(d.port());
        }
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(d.host());
        if (ip == null) {
            byte[] name = d.host().getBytes(StandardCharsets.US_ASCII);
            if (name.length > 255) {
                throw new IllegalArgumentException("Super long domain is not supported: " + d.host());
            }
            out.writeByte(domain).writeByte(name.length).writeBytes(name);
        } else {
            out.writeByte(ip.length == 4 ? ipv4 : ipv6).writeBytes(ip);
        }
        if (this == SOCKS_STYLE) {
            out.writeShort(d.port());
        }
    }

    /** The longest encoding: type, domain length, 255 bytes of domain, port. */
    public static final int MAX_LENGTH = 1 + 1 + 255 + 2;

    /**
     * 4.34's domain rules: an IP written as a domain is that IP; otherwise only letters, digits, dot,
     * underscore and hyphen. An empty domain crashes 4.34; here it is refused.
     */
    static String domain(String name) {
        if (name.isEmpty()) {
            throw new IllegalArgumentException("invalid domain name: empty");
        }
        char first = name.charAt(0);
        if (Character.isDigit(first) || first == '[') {
            String bare = first == '[' && name.endsWith("]") ? name.substring(1, name.length() - 1) : name;
            if (NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)) {
                return bare;
            }
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-';
            if (!ok) {
                throw new IllegalArgumentException("invalid domain name: " + name);
            }
        }
        return name;
    }
}
