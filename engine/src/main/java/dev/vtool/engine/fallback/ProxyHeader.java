package dev.vtool.engine.fallback;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;

/**
 * The PROXY protocol header a fallback sends first when {@code xver} is set: version 1 (text) or 2
 * (binary, no TLVs), source = the client, destination = the inbound's local address, as 4.34 writes it.
 */
public final class ProxyHeader {
    private static final byte[] V2_SIGNATURE = {0x0D, 0x0A, 0x0D, 0x0A, 0x00, 0x0D, 0x0A, 0x51, 0x55, 0x49, 0x54, 0x0A};

    private ProxyHeader() {
    }

    public static ByteBuf encode(ByteBufAllocator alloc, int version, InetSocketAddress source, InetSocketAddress local) {
        InetAddress src = source.getAddress();
        InetAddress dst = local.getAddress();
        // 4.34 decides by the source alone; a v4 destination with a v6 source is written as v6
        boolean v6 = src instanceof Inet6Address;
        if (version == 1) {
            String line = "PROXY " + (v6 ? "TCP6 " : "TCP4 ") + text(src) + " " + text(dst) + " "
                    + source.getPort() + " " + local.getPort() + "\r\n";
            return alloc.buffer(line.length()).writeBytes(line.getBytes(StandardCharsets.US_ASCII));
        }
        ByteBuf b = alloc.buffer(16 + 36);
        b.writeBytes(V2_SIGNATURE).writeByte(0x21);
        if (v6) {
            b.writeByte(0x21).writeShort(36).writeBytes(bytes16(src)).writeBytes(bytes16(dst));
        } else {
            b.writeByte(0x11).writeShort(12).writeBytes(src.getAddress()).writeBytes(bytes4(dst));
        }
        return b.writeShort(source.getPort()).writeShort(local.getPort());
    }

    private static String text(InetAddress a) {
        String s = a.getHostAddress();
        int scope = s.indexOf('%');
        return scope < 0 ? s : s.substring(0, scope);
    }

    private static byte[] bytes16(InetAddress a) {
        byte[] b = a.getAddress();
        if (b.length == 16) {
            return b;
        }
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        System.arraycopy(b, 0, mapped, 12, 4);
        return mapped;
    }

    private static byte[] bytes4(InetAddress a) {
        byte[] b = a.getAddress();
        if (a instanceof Inet4Address || b.length == 4) {
            return b;
        }
        byte[] v4 = new byte[4];
        System.arraycopy(b, 12, v4, 0, 4);
        return v4;
    }
}
