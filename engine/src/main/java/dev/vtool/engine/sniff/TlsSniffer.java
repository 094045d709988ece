package dev.vtool.engine.sniff;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;

/** Reads the SNI host name from a TLS ClientHello without consuming it: protocol {@code tls}. */
public final class TlsSniffer {
    private TlsSniffer() {
    }

    public static SniffResult sniff(ByteBuf in) {
        ByteBuf b = in.duplicate();
        if (b.readableBytes() < 5) {
            return b.readableBytes() == 0 || b.getByte(b.readerIndex()) == 0x16 ? SniffResult.NEED_MORE
                    : SniffResult.NOT_THIS;
        }
        int start = b.readerIndex();
        if (b.getByte(start) != 0x16 || b.getByte(start + 1) != 3) {
            return SniffResult.NOT_THIS;
        }
        int recordLen = b.getUnsignedShort(start + 3);
        if (b.readableBytes() < 5 + recordLen) {
            return SniffResult.NEED_MORE;
        }
        b.skipBytes(5);
        ByteBuf hs = b.readSlice(recordLen);
        try {
            if (hs.readUnsignedByte() != 1) { // ClientHello
                return SniffResult.NOT_THIS;
            }
            hs.skipBytes(3 + 2 + 32); // length, version, random
            hs.skipBytes(hs.readUnsignedByte()); // session id
            hs.skipBytes(hs.readUnsignedShort()); // cipher suites
            hs.skipBytes(hs.readUnsignedByte()); // compression methods
            if (!hs.isReadable()) {
                return SniffResult.NOT_THIS;
            }
            ByteBuf ext = hs.readSlice(hs.readUnsignedShort());
            while (ext.readableBytes() >= 4) {
                int type = ext.readUnsignedShort();
                ByteBuf data = ext.readSlice(ext.readUnsignedShort());
                if (type != 0) {
                    continue;
                }
                ByteBuf list = data.readSlice(data.readUnsignedShort());
                while (list.readableBytes() >= 3) {
                    int nameType = list.readUnsignedByte();
                    ByteBuf name = list.readSlice(list.readUnsignedShort());
                    if (nameType == 0) {
                        String host = name.toString(StandardCharsets.US_ASCII);
                        return host.isEmpty() ? SniffResult.NOT_THIS : SniffResult.found("tls", host);
                    }
                }
            }
            return SniffResult.NOT_THIS;
        } catch (IndexOutOfBoundsException e) {
            return SniffResult.NOT_THIS; // malformed hello
        }
    }
}
