package dev.vtool.engine.vmess.encoding;

import java.util.SplittableRandom;

/**
 * How many bytes a server reads (counted from the connection start) before closing a failed
 * handshake: {@code base + 16 + 38 + uniform(0 .. randMax-1)}, with base in [0, 3266) and randMax in
 * [1, 64] fixed per server configuration from the users' behaviour seed. The ranges and the formula
 * are 4.34's; the generator is Java's (4.34 uses Go's math/rand), so the exact figures differ from a
 * v2ray serving the same users.
 */
public record DrainBudget(int base, int randMax) {
    public static DrainBudget fromSeed(long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        int base = r.nextInt(3266);
        int randMax = r.nextInt(64) + 1;
        return new DrainBudget(base, randMax);
    }

    /** The total for one connection, drawing the per-connection part from {@code rolled} in [0, randMax). */
    public int total(int rolled) {
        return base + 16 + 38 + rolled;
    }
}
