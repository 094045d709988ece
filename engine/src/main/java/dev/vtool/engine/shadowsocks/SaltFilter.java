package dev.vtool.engine.shadowsocks;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;

/**
 * The request salts a server has seen recently, so that a recorded connection replayed by a prober is
 * refused like a wrong password. 4.34 keeps no such filter (replays are accepted and reach their
 * destination again); shadowsocks-libev has one. Two generations of at most {@code capacity} salts each:
 * when the current one is full it becomes the old one, so memory stays bounded (about 100 bytes a salt)
 * and a salt is remembered for at least {@code capacity} connections. Thread safe.
 */
final class SaltFilter {
    private final int capacity;
    private Set<ByteBuffer> current = new HashSet<>();
    private Set<ByteBuffer> previous = new HashSet<>();

    SaltFilter(int capacity) {
        this.capacity = capacity;
    }

    /** Records the salt; false when it was seen before (a replay). */
    synchronized boolean firstSeen(byte[] salt) {
        ByteBuffer key = ByteBuffer.wrap(salt.clone());
        if (previous.contains(key) || !current.add(key)) {
            return false;
        }
        if (current.size() >= capacity) {
            previous = current;
            current = new HashSet<>();
        }
        return true;
    }
}
