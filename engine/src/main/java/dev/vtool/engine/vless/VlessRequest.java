package dev.vtool.engine.vless;

import dev.vtool.engine.Destination;
import dev.vtool.engine.wire.WireAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * The VLESS request header: {@code VER(0) UUID ALEN(0) CMD PORT ATYP ADDR} (4.34 never writes addons); a
 * Mux.cool carrier is command 3 with no address, as 4.34 writes it.
 */
final class VlessRequest {
    static final int TCP = 1;
    static final int UDP = 2;
    static final int MUX = 3;

    private VlessRequest() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, byte[] uuid, int command, Destination target) {
        ByteBuf b = alloc.buffer(1 + 16 + 1 + 1 + WireAddress.MAX_LENGTH);
        b.writeByte(0).writeBytes(uuid).writeByte(0).writeByte(command);
        if (command != MUX) {
            WireAddress.PORT_FIRST.write(b, target);
        }
        return b;
    }
}
