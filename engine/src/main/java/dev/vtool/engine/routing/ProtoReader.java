package dev.vtool.engine.routing;

import java.nio.charset.StandardCharsets;

/**
 * Just enough of the protobuf wire format to walk geoip.dat / geosite.dat: varints and length-delimited
 * fields, skipping everything else. Works on a byte array window; never allocates for skipped data.
 */
final class ProtoReader {
    private final byte[] data;
    private int pos;
    private final int end;

    ProtoReader(byte[] data, int offset, int length) {
        this.data = data;
        this.pos = offset;
        this.end = offset + length;
    }

    boolean hasMore() {
        return pos < end;
    }

    /** The next tag (field number << 3 | wire type). */
    int tag() {
        return (int) varint();
    }

    long varint() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (pos >= end) {
                throw new IllegalStateException("truncated varint");
            }
            byte b = data[pos++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                return result;
            }
        }
        throw new IllegalStateException("malformed varint");
    }

    /** A length-delimited field as a sub-reader over the same array. */
    ProtoReader message() {
        int len = length();
        ProtoReader r = new ProtoReader(data, pos, len);
        pos += len;
        return r;
    }

    byte[] bytes() {
        int len = length();
        byte[] out = new byte[len];
        System.arraycopy(data, pos, out, 0, len);
        pos += len;
        return out;
    }

    String string() {
        int len = length();
        String s = new String(data, pos, len, StandardCharsets.UTF_8);
        pos += len;
        return s;
    }

    private int length() {
        long len = varint();
        if (len < 0 || len > end - pos) {
            throw new IllegalStateException("truncated field");
        }
        return (int) len;
    }

    void skip(int tag) {
        switch (tag & 7) {
            case 0 -> varint();
            case 1 -> pos += 8;
            case 2 -> pos += length();
            case 5 -> pos += 4;
            default -> throw new IllegalStateException("unsupported wire type " + (tag & 7));
        }
        if (pos > end) {
            throw new IllegalStateException("truncated field");
        }
    }
}
