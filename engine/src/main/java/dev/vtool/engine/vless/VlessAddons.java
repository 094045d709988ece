package dev.vtool.engine.vless;

import io.netty.buffer.ByteBuf;

/**
 * The request's addons, a protobuf message {@code Addons { string Flow = 1; bytes Seed = 2; }}. 4.34
 * writes none and ignores what it reads, but refuses bytes that are not a well-formed message; this
 * checks the wire format the same way without keeping anything.
 */
final class VlessAddons {
    private VlessAddons() {
    }

    /** Whether {@code length} bytes at {@code offset} (absolute) parse as protobuf fields. */
    static boolean wellFormed(ByteBuf in, int offset, int length) {
        int i = offset;
        int end = offset + length;
        while (i < end) {
            long[] tag = varint(in, i, end);
            if (tag == null) {
                return false;
            }
            i = (int) tag[1];
            int wire = (int) (tag[0] & 7);
            if (tag[0] >>> 3 == 0) {
                return false;
            }
            switch (wire) {
                case 0 -> {
                    long[] v = varint(in, i, end);
                    if (v == null) {
                        return false;
                    }
                    i = (int) v[1];
                }
                case 1 -> i += 8;
                case 2 -> {
                    long[] len = varint(in, i, end);
                    if (len == null || len[0] > end - len[1]) {
                        return false;
                    }
                    i = (int) (len[1] + len[0]);
                }
                case 5 -> i += 4;
                default -> {
                    return false;
                }
            }
        }
        return i == end;
    }

    /** {value, next index}, or null when the varint runs past {@code end} or is longer than 10 bytes. */
    private static long[] varint(ByteBuf in, int i, int end) {
        long v = 0;
        for (int shift = 0; shift < 70; shift += 7) {
            if (i >= end) {
                return null;
            }
            int b = in.getUnsignedByte(i++);
            v |= (long) (b & 0x7f) << shift;
            if ((b & 0x80) == 0) {
                return new long[] {v, i};
            }
        }
        return null;
    }
}
