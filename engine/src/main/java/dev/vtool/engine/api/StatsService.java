package dev.vtool.engine.api;

import dev.vtool.engine.EngineException;
import dev.vtool.engine.stats.StatsCounters;
import io.grpc.ServerServiceDefinition;
import io.grpc.stub.ServerCalls;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** 4.34's StatsService over the engine's counters. */
final class StatsService {
    private static final String PKG = "app/stats/command";
    private final StatsCounters stats;
    private final long started = System.nanoTime();

    /** @param stats null without a {@code stats} section (4.34 then has its no-op manager) */
    StatsService(StatsCounters stats) {
        this.stats = stats;
    }

    ServerServiceDefinition definition() {
        return ServerServiceDefinition.builder(ApiMethods.STATS)
                .addMethod(ApiMethods.unary(ApiMethods.STATS, "GetStats"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::getStats)))
                .addMethod(ApiMethods.unary(ApiMethods.STATS, "QueryStats"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::queryStats)))
                .addMethod(ApiMethods.unary(ApiMethods.STATS, "GetSysStats"),
                        ServerCalls.asyncUnaryCall(ApiCall.of(PKG, this::sysStats)))
                .build();
    }

    private byte[] getStats(byte[] raw) throws java.io.IOException, EngineException {
        StatsMessages.GetStatsRequest r = StatsMessages.GetStatsRequest.decode(raw);
        Long value = stats == null ? null : stats.value(r.name(), r.reset());
        if (value == null) {
            throw new EngineException(r.name() + " not found.");
        }
        return new StatsMessages.GetStatsResponse(new StatsMessages.Stat(r.name(), value)).encode();
    }

    private byte[] queryStats(byte[] raw) throws java.io.IOException, EngineException {
        StatsMessages.QueryStatsRequest r = StatsMessages.QueryStatsRequest.decode(raw);
        if (stats == null) {
            throw new EngineException("QueryStats only works its own stats.Manager.");
        }
        List<StatsMessages.Stat> out = new ArrayList<>();
        for (Map.Entry<String, Long> e : stats.query(r.pattern(), r.reset()).entrySet()) {
            out.add(new StatsMessages.Stat(e.getKey(), e.getValue()));
        }
        return new StatsMessages.QueryStatsResponse(out).encode();
    }

    /** Go's runtime figures have no exact JVM twins: threads for goroutines, the JVM's GC and heap figures. */
    private byte[] sysStats(byte[] raw) throws java.io.IOException {
        ProtoFields.parse(raw);
        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long gcCount = 0;
        long gcMillis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            gcCount += Math.max(0, gc.getCollectionCount());
            gcMillis += Math.max(0, gc.getCollectionTime());
        }
        long heapUsed = memory.getHeapMemoryUsage().getUsed();
        long committed = memory.getHeapMemoryUsage().getCommitted() + memory.getNonHeapMemoryUsage().getCommitted();
        return new StatsMessages.SysStatsResponse(Thread.activeCount(), gcCount, heapUsed, heapUsed, committed,
                0, 0, 0, gcMillis * 1_000_000L, (System.nanoTime() - started) / 1_000_000_000L).encode();
    }
}
