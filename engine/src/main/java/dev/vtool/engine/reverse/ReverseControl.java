package dev.vtool.engine.reverse;

import dev.vtool.engine.Destination;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * 4.34's control message from portal to bridge, protobuf {@code Control { State state = 1; bytes random = 99; }}
 * (ACTIVE = 0, DRAIN = 1), one per frame of the control stream. The portal pads each with 0–63 random
 * bytes. Decoding accepts what Go's proto.Unmarshal accepts (unknown fields skipped, an unknown state
 * kept as a number) and refuses malformed input.
 */
public final class ReverseControl {
    /** The domain the portal opens its control stream to. */
    public static final String INTERNAL_DOMAIN = "reverse.internal.v2ray.com";
    public static final int ACTIVE = 0;
    public static final int DRAIN = 1;
    private static final int FIELD_STATE = 1;
    private static final int FIELD_RANDOM = 99;

    private ReverseControl() {
    }

    /** Whether a destination is 4.34's {@code isDomain}: a domain equal to {@code domain}, any port and network. */
    static boolean isDomain(Destination d, String domain) {
        return d != null && d.isDomain() && d.host().equals(domain);
    }

    static boolean isInternal(Destination d) {
        return isDomain(d, INTERNAL_DOMAIN);
    }

    /** The message as Go marshals it (fields in number order, defaults left out). */
    static ByteBuf encode(ByteBufAllocator alloc, int state, byte[] random) {
        ByteBuf out = alloc.buffer(16 + random.length);
        if (state != 0) {
            writeVarint(out, FIELD_STATE << 3);
            writeVarint(out, state);
        }
        if (random.length > 0) {
            writeVarint(out, FIELD_RANDOM << 3 | 2);
            writeVarint(out, random.length);
            out.writeBytes(random);
        }
        return out;
    }

    /**
     * The state of one message (the buffer is read, not released).
     *
     * @throws IllegalArgumentException when it is not a valid protobuf message
     */
    static int decodeState(ByteBuf in) {
        int state = ACTIVE;
        while (in.isReadable()) {
            long key = readVarint(in);
            int field = (int) (key >>> 3);
            int wire = (int) (key & 7);
            if (field == 0) {
                throw new IllegalArgumentException("invalid field number 0");
            }
            switch (wire) {
                case 0 -> {
                    long v = readVarint(in);
                    if (field == FIELD_STATE) {
                        state = (int) v;
                    }
                }
                case 1 -> skip(in, 8);
                case 2 -> {
                    long len = readVarint(in);
                    if (len > in.readableBytes()) {
                        throw new IllegalArgumentException("unexpected EOF");
                    }
                    in.skipBytes((int) len); // also a state of the wrong wire type: Go keeps it as unknown

                }
                case 5 -> skip(in, 4);
                default -> throw new IllegalArgumentException("cannot parse wire type " + wire);
            }
        }
        return state;
    }

    private static void skip(ByteBuf in, int n) {
        if (in.readableBytes() < n) {
            throw new IllegalArgumentException("unexpected EOF");
        }
        in.skipBytes(n);
    }

    private static long readVarint(ByteBuf in) {
        long v = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (!in.isReadable()) {
                throw new IllegalArgumentException("unexpected EOF");
            }
            byte b = in.readByte();
            v |= (long) (b & 0x7f) << shift;
            if (b >= 0) {
                return v;
            }
        }
        throw new IllegalArgumentException("variable length integer overflow");
    }

    private static void writeVarint(ByteBuf out, long v) {
        while ((v & ~0x7fL) != 0) {
            out.writeByte((int) (v & 0x7f | 0x80));
            v >>>= 7;
        }
        out.writeByte((int) v);
    }
}
