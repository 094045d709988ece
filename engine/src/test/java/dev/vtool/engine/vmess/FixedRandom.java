package dev.vtool.engine.vmess;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Randomness for reproducing vectors: secure bytes from a fixed queue (as the 4.34 generator run
 * used), non-crypto ints from a script. Running dry is a test failure, never a silent fallback.
 */
public final class FixedRandom implements VmessRandom {
    private final byte[] secure;
    private int position;
    private final Deque<Integer> ints = new ArrayDeque<>();

    public FixedRandom(byte[] secure, int... ints) {
        this.secure = secure.clone();
        for (int i : ints) {
            this.ints.add(i);
        }
    }

    @Override
    public void secureBytes(byte[] out) {
        if (position + out.length > secure.length) {
            throw new AssertionError("fixed secure bytes exhausted at " + position + " (+" + out.length + ")");
        }
        System.arraycopy(secure, position, out, 0, out.length);
        position += out.length;
    }

    @Override
    public int nextInt(int bound) {
        Integer v = ints.poll();
        if (v == null) {
            throw new AssertionError("scripted ints exhausted (bound " + bound + ")");
        }
        if (v < 0 || v >= bound) {
            throw new AssertionError("scripted " + v + " outside [0, " + bound + ")");
        }
        return v;
    }

    public int secureRemaining() {
        return secure.length - position;
    }

    public int intsRemaining() {
        return ints.size();
    }
}
