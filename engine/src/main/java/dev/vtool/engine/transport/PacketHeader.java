package dev.vtool.engine.transport;

import java.util.concurrent.ThreadLocalRandom;

/**
 * The camouflage header 4.34 puts in front of every mKCP (and QUIC) datagram, {@code header.type}. One
 * object per dialled connection, and one per listener shared by its sessions; its counters live here.
 * Receivers strip {@link #size()} bytes without looking at them.
 */
public abstract class PacketHeader {
    public abstract int size();

    /** The next header; advances the counters. */
    public abstract byte[] next();

    public static PacketHeader of(String type) {
        return of(type, ThreadLocalRandom.current().nextInt(0x10000));
    }

    /** With the random 16-bit start value fixed (tests use 4.34's vectors). */
    public static PacketHeader of(String type, int rnd16) {
        return switch (type) {
            case "srtp" -> new Counting(4, rnd16) {
                @Override
                public byte[] next() {
                    counter = (counter + 1) & 0xFFFF;
                    return new byte[] {(byte) 0xB5, (byte) 0xE8, (byte) (counter >>> 8), (byte) counter};
                }
            };
            case "utp" -> new Fixed(new byte[] {(byte) (rnd16 >>> 8), (byte) rnd16, 0x01, 0x00});
            case "wechat-video" -> new Counting(13, rnd16) {
                @Override
                public byte[] next() {
                    counter++;
                    return new byte[] {(byte) 0xA1, 0x08, (byte) (counter >>> 24), (byte) (counter >>> 16),
                            (byte) (counter >>> 8), (byte) counter, 0x00, 0x10, 0x11, 0x18, 0x30, 0x22, 0x30};
                }
            };
            case "dtls" -> new Dtls(rnd16);
            case "wireguard" -> new Fixed(new byte[] {0x04, 0x00, 0x00, 0x00});
            default -> new Fixed(new byte[0]);
        };
    }

    private static final class Fixed extends PacketHeader {
        private final byte[] bytes;

        Fixed(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int size() {
            return bytes.length;
        }

        @Override
        public byte[] next() {
            return bytes.clone();
        }
    }

    private abstract static class Counting extends PacketHeader {
        private final int size;
        int counter;

        Counting(int size, int start) {
            this.size = size;
            this.counter = start;
        }

        @Override
        public int size() {
            return size;
        }
    }

    /** A DTLS 1.2 record header whose epoch is fixed, sequence counts up and "length" is decoration. */
    private static final class Dtls extends PacketHeader {
        private final int epoch;
        private int sequence;
        private int length = 17;

        Dtls(int epoch) {
            this.epoch = epoch;
        }

        @Override
        public int size() {
            return 13;
        }

        @Override
        public byte[] next() {
            int seq = sequence++;
            byte[] b = {0x17, (byte) 0xFE, (byte) 0xFD, (byte) (epoch >>> 8), (byte) epoch, 0, 0,
                    (byte) (seq >>> 24), (byte) (seq >>> 16), (byte) (seq >>> 8), (byte) seq,
                    (byte) (length >>> 8), (byte) length};
            length += 17;
            if (length > 100) {
                length -= 50;
            }
            return b;
        }
    }
}
