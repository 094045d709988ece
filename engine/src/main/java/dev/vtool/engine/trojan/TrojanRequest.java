package dev.vtool.engine.trojan;

import dev.vtool.engine.Destination;
import dev.vtool.engine.wire.WireAddress;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/** The Trojan request header: {@code HEX56 CR LF CMD ATYP ADDR PORT CR LF}. */
final class TrojanRequest {
    static final int CONNECT = 1;
    static final int UDP_ASSOCIATE = 3;

    private TrojanRequest() {
    }

    static ByteBuf encode(ByteBufAllocator alloc, String key, int command, Destination target) {
        ByteBuf b = alloc.buffer(TrojanKey.LENGTH + 2 + 1 + WireAddress.MAX_LENGTH + 2);
        b.writeCharSequence(key, StandardCharsets.US_ASCII);
        b.writeByte('\r').writeByte('\n').writeByte(command);
        WireAddress.SOCKS_STYLE.write(b, target);
        return b.writeByte('\r').writeByte('\n');
    }
}
