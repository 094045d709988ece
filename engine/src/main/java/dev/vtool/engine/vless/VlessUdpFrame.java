package dev.vtool.engine.vless;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.util.function.Consumer;

/**
 * VLESS's UDP framing, both directions: {@code BE16(len) || payload}, with no address (one destination
 * per connection). 4.34's server drops answers of 0 or more than 2046 bytes; vtool sends every datagram
 * up to 65535 bytes, which 4.34's reader accepts.
 */
final class VlessUdpFrame {
    private VlessUdpFrame() {
    }

    /** Decodes every complete frame; each payload is a retained slice handed to {@code each}. */
    static void decode(ByteBuf in, Consumer<ByteBuf> each) {
        while (in.readableBytes() >= 2) {
            int len = in.getUnsignedShort(in.readerIndex());
            if (in.readableBytes() < 2 + len) {
                return;
            }
            in.skipBytes(2);
            each.accept(in.readRetainedSlice(len));
        }
    }

    /** Encodes one datagram; releases {@code payload}. Longer than 65535 bytes: cut, as no frame can say more. */
    static ByteBuf encode(ByteBufAllocator alloc, ByteBuf payload) {
        try {
            int len = Math.min(payload.readableBytes(), 0xFFFF);
            return alloc.buffer(2 + len).writeShort(len).writeBytes(payload, len);
        } finally {
            payload.release();
        }
    }
}
