package dev.vtool.engine.transport.kcp;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * mKCP's own segments (not the C KCP format), as 4.34 frames them: a 4-byte prefix (conv BE16, command,
 * option) and a body per command. All integers big-endian; numbers and timestamps are uint32 in an int.
 */
sealed interface KcpSegment {
    int CMD_ACK = 0;
    int CMD_DATA = 1;
    int CMD_TERMINATE = 2;
    int CMD_PING = 3;
    /** Option bit: the sender is closing (ReadyToClose). */
    int OPTION_CLOSE = 1;
    /** Bytes a DATA segment adds to its payload. */
    int DATA_OVERHEAD = 18;
    /** The most numbers one ACK carries. */
    int ACK_LIMIT = 128;

    int conv();

    int option();

    int size();

    void write(ByteBuffer out);

    default byte[] bytes() {
        ByteBuffer b = ByteBuffer.allocate(size());
        write(b);
        return b.array();
    }

    record Data(int conv, int option, int timestamp, int number, int sendingNext, byte[] payload) implements KcpSegment {
        @Override
        public int size() {
            return DATA_OVERHEAD + payload.length;
        }

        @Override
        public void write(ByteBuffer out) {
            out.putShort((short) conv).put((byte) CMD_DATA).put((byte) option).putInt(timestamp).putInt(number)
                    .putInt(sendingNext).putShort((short) payload.length).put(payload);
        }
    }

    record Ack(int conv, int option, int receivingWindow, int receivingNext, int timestamp, int[] numbers)
            implements KcpSegment {
        @Override
        public int size() {
            return 17 + 4 * numbers.length;
        }

        @Override
        public void write(ByteBuffer out) {
            out.putShort((short) conv).put((byte) CMD_ACK).put((byte) option).putInt(receivingWindow)
                    .putInt(receivingNext).putInt(timestamp).put((byte) numbers.length);
            for (int n : numbers) {
                out.putInt(n);
            }
        }
    }

    /** PING, TERMINATE, and any unknown command (4.34 parses those as command-only too). */
    record Cmd(int conv, int command, int option, int sendingNext, int receivingNext, int peerRto) implements KcpSegment {
        @Override
        public int size() {
            return 16;
        }

        @Override
        public void write(ByteBuffer out) {
            out.putShort((short) conv).put((byte) command).put((byte) option).putInt(sendingNext)
                    .putInt(receivingNext).putInt(peerRto);
        }
    }

    /** Every segment the bytes hold, stopping at the first that does not parse (as 4.34's reader does). */
    static List<KcpSegment> parseAll(byte[] b, int offset, int length) {
        List<KcpSegment> out = new ArrayList<>(1);
        ByteBuffer in = ByteBuffer.wrap(b, offset, length);
        while (in.remaining() >= 4) {
            KcpSegment s = parse(in);
            if (s == null) {
                break;
            }
            out.add(s);
        }
        return out;
    }

    private static KcpSegment parse(ByteBuffer in) {
        int conv = in.getShort() & 0xFFFF;
        int cmd = in.get() & 0xFF;
        int option = in.get() & 0xFF;
        switch (cmd) {
            case CMD_DATA -> {
                if (in.remaining() < 15) {
                    return null;
                }
                int ts = in.getInt();
                int number = in.getInt();
                int sendingNext = in.getInt();
                int len = in.getShort() & 0xFFFF;
                if (in.remaining() < len) {
                    return null;
                }
                byte[] payload = new byte[len];
                in.get(payload);
                return new Data(conv, option, ts, number, sendingNext, payload);
            }
            case CMD_ACK -> {
                if (in.remaining() < 13) {
                    return null;
                }
                int window = in.getInt();
                int next = in.getInt();
                int ts = in.getInt();
                int count = in.get() & 0xFF;
                if (in.remaining() < 4 * count) {
                    return null;
                }
                int[] numbers = new int[count];
                for (int i = 0; i < count; i++) {
                    numbers[i] = in.getInt();
                }
                return new Ack(conv, option, window, next, ts, numbers);
            }
            default -> {
                if (in.remaining() < 12) {
                    return null;
                }
                return new Cmd(conv, cmd, option, in.getInt(), in.getInt(), in.getInt());
            }
        }
    }
}
