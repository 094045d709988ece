package dev.vtool.engine.vmess.legacy;

import static dev.vtool.engine.vmess.Vectors.clock;
import static dev.vtool.engine.vmess.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.VmessId;
import java.util.List;
import org.junit.jupiter.api.Test;

/** docs/spec/vmess.md 8.2 and 8.4: alternate ids, HMAC-MD5 user hashes, header IV, CFB, the hash table. */
class LegacyVectorsTest {
    private final VmessId primary = new VmessId(hex("uuid"));

    @Test
    void alternateIdChainAndTheirCmdKeys() {
        List<VmessId> alts = AlternateIds.generate(primary, 2);
        assertArrayEquals(hex("alt0.uuid"), alts.get(0).uuid());
        assertArrayEquals(hex("alt0.cmdkey"), alts.get(0).cmdKey());
        assertArrayEquals(hex("alt1.uuid"), alts.get(1).uuid());
        assertArrayEquals(hex("alt1.cmdkey"), alts.get(1).cmdKey());
        assertEquals(alts.subList(0, 1), AlternateIds.generate(primary, 1), "the chain is a prefix");
    }

    @Test
    void userHashesForPrimaryAndAlternates() {
        List<VmessId> alts = AlternateIds.generate(primary, 2);
        assertArrayEquals(hex("legacy.hash.primary"), LegacyAuth.userHash(primary.uuid(), clock()));
        assertArrayEquals(hex("legacy.hash.alt0"), LegacyAuth.userHash(alts.get(0).uuid(), clock()));
        assertArrayEquals(hex("legacy.hash.alt1"), LegacyAuth.userHash(alts.get(1).uuid(), clock()));
    }

    @Test
    void headerIvIsMd5OfTimestampFourTimes() {
        assertArrayEquals(hex("legacy.header.iv"), LegacyAuth.headerIv(clock()));
    }

    @Test
    void cfbEncryptsTheLegacyHeaderByteExactInAnySplit() {
        byte[] expected = java.util.Arrays.copyOfRange(hex("legacy.wire"), 16, hex("legacy.wire").length);
        byte[] whole = AesCfb.encryptor(primary.cmdKey(), LegacyAuth.headerIv(clock())).process(hex("legacy.plaintext"));
        assertArrayEquals(expected, whole);
        for (int split : new int[] {1, 3, 15, 16, 17, 38}) {
            byte[] pt = hex("legacy.plaintext");
            AesCfb enc = AesCfb.encryptor(primary.cmdKey(), LegacyAuth.headerIv(clock()));
            for (int i = 0; i < pt.length; i += split) {
                enc.process(pt, i, Math.min(split, pt.length - i));
            }
            assertArrayEquals(expected, pt, "split " + split);
            AesCfb dec = AesCfb.decryptor(primary.cmdKey(), LegacyAuth.headerIv(clock()));
            for (int i = 0; i < pt.length; i += split) {
                dec.process(pt, i, Math.min(split, pt.length - i));
            }
            assertArrayEquals(hex("legacy.plaintext"), pt, "decrypt split " + split);
        }
    }

    @Test
    void hashTableCoversPlusMinus120SecondsAndRefreshes() throws Exception {
        LegacyHashTable<String> t = new LegacyHashTable<>();
        long now = clock();
        t.add("u", List.of(primary), now);
        assertEquals(241, t.size());
        LegacyHashTable.Match<String> m = t.lookup(LegacyAuth.userHash(primary.uuid(), now - 120));
        assertNotNull(m);
        assertEquals(now - 120, m.timestamp());
        assertNull(t.lookup(LegacyAuth.userHash(primary.uuid(), now - 121)));
        assertNull(t.lookup(LegacyAuth.userHash(primary.uuid(), now + 121)));
        t.refresh(now + 10);
        assertEquals(241, t.size());
        assertNotNull(t.lookup(LegacyAuth.userHash(primary.uuid(), now + 130)));
        assertNull(t.lookup(LegacyAuth.userHash(primary.uuid(), now - 115)));
    }

    @Test
    void taintedHashIsRefused() throws Exception {
        LegacyHashTable<String> t = new LegacyHashTable<>();
        t.add("u", List.of(primary), clock());
        byte[] h = hex("legacy.hash.primary");
        assertNotNull(t.lookup(h));
        assertTrue(t.taint(h));
        assertThrows(LegacyHashTable.TaintedException.class, () -> t.lookup(h));
        assertEquals(false, t.taint(h));
    }

    @Test
    void sessionHistoryRefusesDuplicatesFor3MinutesAndUntilTheTimestampExpires() {
        SessionHistory h = new SessionHistory();
        byte[] u = hex("uuid");
        byte[] k = hex("request.body.key");
        byte[] iv = hex("request.body.iv");
        long now = 1000;
        assertTrue(h.addIfAbsent(u, k, iv, now, now));
        assertEquals(false, h.addIfAbsent(u, k, iv, now, now + 179));
        assertTrue(h.addIfAbsent(u, k, iv, now, now + 181));
        SessionHistory fast = new SessionHistory();
        assertTrue(fast.addIfAbsent(u, k, iv, now + 110, now));
        assertEquals(false, fast.addIfAbsent(u, k, iv, now + 110, now + 200), "ts+120 not yet passed");
    }
}
