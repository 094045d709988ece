package dev.vtool.engine.vmess.inbound;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RejectionLogLimiterTest {
    @Test
    void aFloodIsCutToTheRateAndTheNextLoggedLineCountsWhatWasLeftOut() {
        RejectionLogLimiter limiter = new RejectionLogLimiter();
        long t = 5_000_000_000L;
        int logged = 0;
        for (int i = 0; i < 1000; i++) {
            if (limiter.admit(t + i * 100_000L) >= 0) { // 1000 rejections within 0.1 s
                logged++;
            }
        }
        assertEquals(RejectionLogLimiter.PER_SECOND, logged);
        assertEquals(1000 - RejectionLogLimiter.PER_SECOND, limiter.admit(t + 1_000_000_000L));
        assertEquals(0, limiter.admit(t + 1_000_000_001L));
    }
}
