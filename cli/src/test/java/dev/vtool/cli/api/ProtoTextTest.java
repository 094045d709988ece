package dev.vtool.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ProtoTextTest {
    @Test
    void readsV2ctlRequests() {
        assertEquals(Map.of("pattern", "", "reset", false), ProtoText.parse("pattern: \"\" reset: false"));
        assertEquals(Map.of("name", "inbound>>>statin>>>traffic>>>downlink", "reset", true),
                ProtoText.parse("name: \"inbound>>>statin>>>traffic>>>downlink\" reset: true"));
        assertEquals(Map.of(), ProtoText.parse(""));
        assertEquals(Map.of("name", "a\"b\n\u00e9"), ProtoText.parse("name: 'a\\\"b\\n\\303\\251'"));
        assertThrows(IllegalArgumentException.class, () -> ProtoText.parse("name \"x\""));
        assertThrows(IllegalArgumentException.class, () -> ProtoText.parse("name: \"x"));
        assertThrows(IllegalArgumentException.class, () -> ProtoText.parse("reset: maybe"));
    }

    @Test
    void quotesLikeGo() {
        assertEquals("\"user>>>a@b>>>traffic>>>uplink\"", ProtoText.quote("user>>>a@b>>>traffic>>>uplink"));
        assertEquals("\"\\303\\251\\\"\\n\"", ProtoText.quote("\u00e9\"\n"));
    }
}
