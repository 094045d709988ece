package dev.vtool.engine.mux;

import dev.vtool.engine.Destination;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.util.NetUtil;
import java.nio.charset.StandardCharsets;

/** The address part of a New frame: port first, then type 1 IPv4, 2 domain, 3 IPv6 (as VMess headers). */
final class MuxAddress {
    private MuxAddress() {
    }

    static void write(ByteBuf out, Destination d) {
        out.writeShort(d.port());
        byte[] ip = NetUtil.createByteArrayFromIpAddressString(d.host());
        if (ip != null && ip.length == 4) {
            out.writeByte(1).writeBytes(ip);
        } else if (ip != null) {
            out.writeByte(3).writeBytes(ip);
        } else {
            byte[] name = d.host().getBytes(StandardCharsets.UTF_8);
            if (name.length > 255) {
                throw new IllegalArgumentException("domain longer than 255 bytes: " + d.host());
            }
            out.writeByte(2).writeByte(name.length).writeBytes(name);
        }
    }

    /** Reads a network byte, port and address from {@code meta} (all of it readable). */
    static Destination read(ByteBuf meta) throws MuxException {
        int network = meta.readUnsignedByte();
        if (meta.readableBytes() < 3) {
            throw new MuxException("insufficient buffer");
        }
        int port = meta.readUnsignedShort();
        int type = meta.readUnsignedByte();
        String host;
        switch (type) {
            case 1 -> host = NetUtil.bytesToIpAddress(bytes(meta, 4));
            case 3 -> host = NetUtil.bytesToIpAddress(bytes(meta, 16));
            case 2 -> {
                if (!meta.isReadable()) {
                    throw new MuxException("failed to parse address and port > insufficient buffer");
                }
                int len = meta.readUnsignedByte();
                if (len == 0) {
                    throw new MuxException("failed to parse address and port > empty domain");
                }
                host = new String(bytes(meta, len), StandardCharsets.UTF_8);
            }
            default -> throw new MuxException("failed to parse address and port > unknown address type: " + type);
        }
        return switch (network) {
            case MuxFrame.NETWORK_TCP -> new Destination(Network.TCP, host, port);
            case MuxFrame.NETWORK_UDP -> new Destination(Network.UDP, host, port);
            default -> throw new MuxException("unknown network type: " + network);
        };
    }

    private static byte[] bytes(ByteBuf meta, int n) throws MuxException {
        if (meta.readableBytes() < n) {
            throw new MuxException("failed to parse address and port > insufficient buffer");
        }
        byte[] b = new byte[n];
        meta.readBytes(b);
        return b;
    }
}
