package dev.vtool.engine.shadowsocks;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * The Shadowsocks address header, SOCKS order: {@code ATYP ADDR PORT}, types 1 (IPv4), 3 (domain), 4
 * (IPv6). As in 4.34 only the low 4 bits of the type byte count (0x13 is a domain); a domain that is an
 * IP literal becomes that IP; other domains must be {@code [0-9A-Za-z._-]}. A zero-length domain, which
 * crashes 4.34, is refused.
 */
final class SsAddress {
    private SsAddress() {
    }

    /** Bytes of the header at the start of {@code in}, 0 when more bytes are needed to know. */
    static int length(ByteBuf in) throws SsException {
        int r = in.readerIndex();
        if (!in.isReadable()) {
            return 0;
        }
        int type = in.getByte(r) & 0x0F;
        int size = switch (type) {
            case 1 -> 1 + 4 + 2;
            case 4 -> 1 + 16 + 2;
            case 3 -> in.readableBytes() < 2 ? 0 : 1 + 1 + (in.getByte(r + 1) & 0xFF) + 2;
            default -> throw new SsException("unknown address type: " + type);
        };
        return size != 0 && in.readableBytes() >= size ? size : 0;
    }

    /** Reads a complete header (check {@link #length} first). */
    static Destination read(ByteBuf in, Network network) throws SsException {
        int type = in.readByte() & 0x0F;
        String host;
        switch (type) {
            case 1, 4 -> {
                byte[] ip = new byte[type == 1 ? 4 : 16];
                in.readBytes(ip);
                try {
                    host = InetAddress.getByAddress(ip).getHostAddress();
                } catch (UnknownHostException e) {
                    throw new SsException("unknown address type: " + type);
                }
            }
            case 3 -> {
                int len = in.readUnsignedByte();
                host = in.readCharSequence(len, StandardCharsets.ISO_8859_1).toString();
                if (host.isEmpty()) {
                    throw new SsException("invalid domain name: (empty)");
                }
                char c = host.charAt(0);
                boolean maybeIp = (c >= '0' && c <= '9') || c == '[';
                if (!(maybeIp && IpText.isIpLiteral(IpText.stripBrackets(host))) && !validDomain(host)) {
                    throw new SsException("invalid domain name: " + host);
                }
                host = IpText.stripBrackets(host);
            }
            default -> throw new SsException("unknown address type: " + type);
        }
        return new Destination(network, host, in.readUnsignedShort());
    }

    private static boolean validDomain(String d) {
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.'
                    || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /** Writes the header; a domain over 255 bytes is refused with 4.34's words. */
    static void write(ByteBuf out, Destination d) throws SsException {
        InetAddress ip = d.ipOrNull();
        if (ip != null) {
            byte[] raw = ip.getAddress();
            out.writeByte(raw.length == 4 ? 1 : 4);
            out.writeBytes(raw);
        } else {
            byte[] name = d.host().getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                throw new SsException("Super long domain is not supported: " + d.host());
            }
            out.writeByte(3);
            out.writeByte(name.length);
            out.writeBytes(name);
        }
        out.writeShort(d.port());
    }
}
