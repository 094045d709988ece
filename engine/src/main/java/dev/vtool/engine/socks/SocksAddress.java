package dev.vtool.engine.socks;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;

/** SOCKS5 address encoding (ATYP + address + port), shared by the UDP relay and the socks outbound. */
final class SocksAddress {
    private SocksAddress() {
    }

    /** Reads a UDP request header; returns null for a fragment (FRAG != 0). */
    static Destination readUdpHeader(ByteBuf in) {
        if (in.readableBytes() < 4) {
            throw new IllegalArgumentException("insufficient length of packet.");
        }
        in.skipBytes(2);
        int frag = in.readUnsignedByte();
        if (frag != 0) {
            return null;
        }
        return read(in, Network.UDP);
    }

    static Destination read(ByteBuf in, Network network) {
        int type = in.readUnsignedByte();
        String host;
        switch (type) {
            case 1 -> {
                byte[] a = new byte[4];
                in.readBytes(a);
                host = NetUtil.bytesToIpAddress(a);
            }
            case 3 -> host = in.readCharSequence(in.readUnsignedByte(), StandardCharsets.US_ASCII).toString();
            case 4 -> {
                byte[] a = new byte[16];
                in.readBytes(a);
                host = NetUtil.bytesToIpAddress(a);
            }
            default -> throw new IllegalArgumentException("unknown address type " + type);
        }
        return new Destination(network, host, in.readUnsignedShort());
    }

    static void writeUdpHeader(ByteBuf out, Destination d) {
        out.writeZero(3);
        write(out, d);
    }

    static void write(ByteBuf out, Destination d) {
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(d.host());
        if (ip == null) {
            byte[] name = d.host().getBytes(StandardCharsets.US_ASCII);
            out.writeByte(3).writeByte(name.length).writeBytes(name);
        } else {
            out.writeByte(ip.length == 4 ? 1 : 4).writeBytes(ip);
        }
        out.writeShort(d.port());
    }
}
