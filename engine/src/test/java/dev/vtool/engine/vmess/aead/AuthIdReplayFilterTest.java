package dev.vtool.engine.vmess.aead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class AuthIdReplayFilterTest {
    private static byte[] id(int n) {
        byte[] b = new byte[16];
        b[0] = (byte) n;
        b[15] = (byte) (n >> 8);
        return b;
    }

    @Test
    void secondSightingInsideTheWindowIsAReplay() {
        AuthIdReplayFilter f = new AuthIdReplayFilter();
        assertTrue(f.checkAndRemember(id(1), 1000, 1000));
        assertFalse(f.checkAndRemember(id(1), 1000, 1001));
        assertTrue(f.checkAndRemember(id(2), 1000, 1001));
    }

    @Test
    void futureStampedAuthIdIsRememberedUntilItsOwnWindowEnds() {
        // V2Ray's filter forgets after 120..240 s; a handshake stamped now+118 stays valid until now+238.
        AuthIdReplayFilter f = new AuthIdReplayFilter();
        assertTrue(f.checkAndRemember(id(7), 1118, 1000));
        assertFalse(f.checkAndRemember(id(7), 1118, 1190));
        assertFalse(f.checkAndRemember(id(7), 1118, 1238));
        f.sweep(1238);
        assertEquals(1, f.size());
        f.sweep(1240);
        assertEquals(0, f.size());
    }
}
