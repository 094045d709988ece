package dev.vtool.engine.transport.tls;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The ALPN protocols a ClientHello offers, read from the handshake body Netty's SslClientHelloHandler
 * collects (from {@code client_version} on). Anything malformed reads as "none offered": the handshake
 * itself then rejects it.
 */
final class ClientHelloAlpn {
    private static final int ALPN_EXTENSION = 16;

    private ClientHelloAlpn() {
    }

    static List<String> offered(ByteBuf hello) {
        List<String> out = new ArrayList<>();
        int i = hello.readerIndex();
        int end = hello.writerIndex();
        i += 2 + 32; // client_version, random
        if (i + 1 > end) {
            return out;
        }
        i += 1 + hello.getUnsignedByte(i); // session id
        if (i + 2 > end) {
            return out;
        }
        i += 2 + hello.getUnsignedShort(i); // cipher suites
        if (i + 1 > end) {
            return out;
        }
        i += 1 + hello.getUnsignedByte(i); // compression methods
        if (i + 2 > end) {
            return out;
        }
        int extEnd = Math.min(end, i + 2 + hello.getUnsignedShort(i));
        i += 2;
        while (i + 4 <= extEnd) {
            int type = hello.getUnsignedShort(i);
            int len = hello.getUnsignedShort(i + 2);
            i += 4;
            if (i + len > extEnd) {
                return out;
            }
            if (type == ALPN_EXTENSION && len >= 2) {
                int p = i + 2;
                int listEnd = Math.min(i + len, p + hello.getUnsignedShort(i));
                while (p < listEnd) {
                    int n = hello.getUnsignedByte(p++);
                    if (p + n > listEnd) {
                        break;
                    }
                    out.add(hello.toString(p, n, StandardCharsets.US_ASCII));
                    p += n;
                }
                return out;
            }
            i += len;
        }
        return out;
    }
}
