package dev.vtool.schema.text;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DidYouMeanTest {
    @Test
    void distanceCountsSwapsAsOneEdit() {
        assertEquals(1, DidYouMean.distance("tpc", "tcp"));
        assertEquals(1, DidYouMean.distance("vmss", "vmess"));
        assertEquals(3, DidYouMean.distance("abc", ""));
    }

    @Test
    void suggestTrimsAndNamesAPaddedExactMatch() {
        assertEquals("tcp", DidYouMean.suggest(" tcp ", List.of("tcp", "kcp")));
        assertEquals("tls", DidYouMean.suggest("SSL", List.of("tls"), Map.of("ssl", "tls")));
        assertNull(DidYouMean.suggest("abcd", List.of("abxy")), "two edits are too many for a 4-letter word");
        assertEquals(" Did you mean \"tls\"?", DidYouMean.phrase("tls"));
        assertEquals("", DidYouMean.phrase(null));
    }

    @Test
    void closestAllowsMoreEditsForLongerWordsAndKeepsExactMatches() {
        assertEquals("clients", DidYouMean.closest("clinets", List.of("clients", "level")));
        assertEquals("tag", DidYouMean.closest("Tag", List.of("tag")));
        assertNull(DidYouMean.closest("abcd", List.of("abxy")));
        assertEquals("streamSettings", DidYouMean.closest("stremSetings", List.of("streamSettings")));
        assertNull(DidYouMean.closest("listen", List.of("protocol")));
    }
}
