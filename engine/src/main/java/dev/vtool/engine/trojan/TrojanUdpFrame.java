package dev.vtool.engine.trojan;

import dev.vtool.engine.Destination;
import dev.vtool.engine.wire.WireAddress;
import dev.vtool.schema.model.Network;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.BiConsumer;

/**
 * Trojan's UDP framing (command 3), both directions: {@code ATYP ADDR PORT || BE16(len) || CR LF ||
 * payload}. 4.34 refuses payloads over 8192 bytes and splits longer datagrams into 8192-byte packets;
 * the CR LF is not checked.
 */
final class TrojanUdpFrame {
    static final int MAX_PAYLOAD = 8192;

    private TrojanUdpFrame() {
    }

    /**
     * Decodes every complete frame in {@code in}; each payload is a retained slice handed to {@code each}.
     *
     * @throws IllegalArgumentException for a bad address type or an oversize payload (4.34 ends the connection)
     */
    static void decode(ByteBuf in, BiConsumer<Destination, ByteBuf> each) {
        while (true) {
            int addr = WireAddress.SOCKS_STYLE.length(in, 0);
            if (addr < 0 || in.readableBytes() < addr + 4) {
                return;
            }
            int len = in.getUnsignedShort(in.readerIndex() + addr);
            if (len > MAX_PAYLOAD) {
                throw new IllegalArgumentException("oversize payload");
            }
            if (in.readableBytes() < addr + 4 + len) {
                return;
            }
            Destination d = WireAddress.SOCKS_STYLE.read(in, Network.UDP);
            in.skipBytes(4);
            each.accept(d, in.readRetainedSlice(len));
        }
    }

    /** Encodes one datagram (split into 8192-byte packets as 4.34 does); releases {@code payload}. */
    static ByteBuf encode(ByteBufAllocator alloc, Destination d, ByteBuf payload) {
        try {
            int n = payload.readableBytes();
            ByteBuf out = alloc.buffer(n + (n / MAX_PAYLOAD + 1) * (WireAddress.MAX_LENGTH + 4));
            do {
                int len = Math.min(MAX_PAYLOAD, payload.readableBytes());
                WireAddress.SOCKS_STYLE.write(out, d);
                out.writeShort(len).writeByte('\r').writeByte('\n');
                out.writeBytes(payload, len);
            } while (payload.isReadable());
            return out;
        } finally {
            payload.release();
        }
    }
}
