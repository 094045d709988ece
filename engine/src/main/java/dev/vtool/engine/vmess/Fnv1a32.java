package dev.vtool.engine.vmess;

import io.netty.buffer.ByteBuf;

/** FNV-1a, 32 bit: the header checksum and the legacy chunk authenticator. */
public final class Fnv1a32 {
    private static final int OFFSET_BASIS = 0x811C9DC5;
    private static final int PRIME = 0x01000193;

    private Fnv1a32() {
    }

    public static int hash(byte[] data, int offset, int length) {
        int h = OFFSET_BASIS;
        for (int i = offset; i < offset + length; i++) {
            h ^= data[i] & 0xFF;
            h *= PRIME;
        }
        return h;
    }

    public static int hash(byte[] data) {
        return hash(data, 0, data.length);
    }

    public static int hash(ByteBuf buf, int index, int length) {
        if (buf.hasArray()) {
            return hash(buf.array(), buf.arrayOffset() + index, length);
        }
        byte[] copy = new byte[length];
        buf.getBytes(index, copy);
        return hash(copy, 0, length);
    }
}
