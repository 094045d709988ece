package dev.vtool.engine;

import io.netty.util.ResourceLeakDetector;

/**
 * Netty's leak detector, recording what it reports so tests can fail on it. Installed for the whole test
 * JVM through {@code -Dio.netty.customResourceLeakDetector} (engine/pom.xml), so it is in place before
 * the first ByteBuf of any test class exists.
 */
public final class RecordingLeakDetector<T> extends ResourceLeakDetector<T> {
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval) {
        super(resourceType, samplingInterval);
    }

    @SuppressWarnings("deprecation")
    public RecordingLeakDetector(Class<?> resourceType, int samplingInterval, long maxActive) {
        super(resourceType, samplingInterval, maxActive);
    }

    @Override
    protected void reportTracedLeak(String resourceType, String records) {
        LeakWatch.record(resourceType + records);
        super.reportTracedLeak(resourceType, records);
    }

    @Override
    protected void reportUntracedLeak(String resourceType) {
        LeakWatch.record(resourceType);
        super.reportUntracedLeak(resourceType);
    }
}
