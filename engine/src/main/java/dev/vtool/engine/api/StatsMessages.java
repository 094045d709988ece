package dev.vtool.engine.api;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The messages of 4.34's {@code v2ray.core.app.stats.command.StatsService} (command.proto), with its field
 * numbers.
 */
public final class StatsMessages {
    private StatsMessages() {
    }

    /** {@code GetStatsRequest}: name = 1, reset = 2. */
    public record GetStatsRequest(String name, boolean reset) {
        public byte[] encode() {
            return new ProtoWriter().string(1, name).bool(2, reset).toByteArray();
        }

        public static GetStatsRequest decode(byte[] b) throws IOException {
            ProtoFields f = ProtoFields.parse(b);
            return new GetStatsRequest(f.string(1), f.bool(2));
        }
    }

    /** {@code Stat}: name = 1, value = 2 (int64). */
    public record Stat(String name, long value) {
        public byte[] encode() {
            return new ProtoWriter().string(1, name).varint(2, value).toByteArray();
        }

        public static Stat decode(byte[] b) throws IOException {
            ProtoFields f = ProtoFields.parse(b);
            return new Stat(f.string(1), f.varint(2));
        }
    }

    /** {@code GetStatsResponse}: stat = 1. */
    public record GetStatsResponse(Stat stat) {
        public byte[] encode() {
            return new ProtoWriter().bytes(1, stat == null ? null : stat.encode()).toByteArray();
        }

        public static GetStatsResponse decode(byte[] b) throws IOException {
            byte[] s = ProtoFields.parse(b).bytes(1);
            return new GetStatsResponse(s == null ? null : Stat.decode(s));
        }
    }

    /** {@code QueryStatsRequest}: pattern = 1, reset = 2. */
    public record QueryStatsRequest(String pattern, boolean reset) {
        public byte[] encode() {
            return new ProtoWriter().string(1, pattern).bool(2, reset).toByteArray();
        }

        public static QueryStatsRequest decode(byte[] b) throws IOException {
            ProtoFields f = ProtoFields.parse(b);
            return new QueryStatsRequest(f.string(1), f.bool(2));
        }
    }

    /** {@code QueryStatsResponse}: repeated stat = 1. */
    public record QueryStatsResponse(List<Stat> stats) {
        public QueryStatsResponse {
            stats = List.copyOf(stats);
        }

        public byte[] encode() {
            ProtoWriter w = new ProtoWriter();
            for (Stat s : stats) {
                w.bytes(1, s.encode());
            }
            return w.toByteArray();
        }

        public static QueryStatsResponse decode(byte[] b) throws IOException {
            List<Stat> out = new ArrayList<>();
            for (byte[] s : ProtoFields.parse(b).repeated(1)) {
                out.add(Stat.decode(s));
            }
            return new QueryStatsResponse(out);
        }
    }

    /**
     * {@code SysStatsResponse}: NumGoroutine = 1, NumGC = 2, Alloc = 3, TotalAlloc = 4, Sys = 5, Mallocs = 6,
     * Frees = 7, LiveObjects = 8, PauseTotalNs = 9, Uptime = 10 (Go runtime figures; vtool fills in the JVM's
     * nearest equivalents: threads, GC count, heap used, ...).
     */
    public record SysStatsResponse(long numGoroutine, long numGc, long alloc, long totalAlloc, long sys, long mallocs,
                                   long frees, long liveObjects, long pauseTotalNs, long uptime) {
        public byte[] encode() {
            return new ProtoWriter().varint(1, numGoroutine).varint(2, numGc).varint(3, alloc).varint(4, totalAlloc)
                    .varint(5, sys).varint(6, mallocs).varint(7, frees).varint(8, liveObjects)
                    .varint(9, pauseTotalNs).varint(10, uptime).toByteArray();
        }

        public static SysStatsResponse decode(byte[] b) throws IOException {
            ProtoFields f = ProtoFields.parse(b);
            return new SysStatsResponse(f.varint(1), f.varint(2), f.varint(3), f.varint(4), f.varint(5), f.varint(6),
                    f.varint(7), f.varint(8), f.varint(9), f.varint(10));
        }
    }
}
