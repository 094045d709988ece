package dev.vtool.testkit;

/** Loopback written in ways a naive private-address check misses, for the hostile-destination tests. */
public final class LoopbackSpellings {
    private LoopbackSpellings() {
    }

    /** {@code ::ffff:127.0.0.1} as 16 bytes; Java's InetAddress would hand back the 4-byte form instead. */
    public static byte[] ipv4MappedLoopback() {
        byte[] b = new byte[16];
        b[10] = (byte) 0xFF;
        b[11] = (byte) 0xFF;
        b[12] = 127;
        b[15] = 1;
        return b;
    }
}
