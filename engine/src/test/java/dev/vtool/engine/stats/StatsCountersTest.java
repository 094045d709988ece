package dev.vtool.engine.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatsCountersTest {
    @Test
    void namesAreThoseOf434() {
        assertEquals("user>>>a@b>>>traffic>>>uplink", StatsCounters.user("a@b", true));
        assertEquals("inbound>>>in>>>traffic>>>downlink", StatsCounters.inbound("in", false));
        assertEquals("outbound>>>out>>>traffic>>>uplink", StatsCounters.outbound("out", true));
    }

    @Test
    void queryBySubstringAndResetHandsBackTheValue() {
        StatsCounters s = new StatsCounters();
        s.counter("user>>>a>>>traffic>>>uplink").add(5);
        s.counter("inbound>>>x>>>traffic>>>uplink").add(7);
        assertEquals(Map.of("user>>>a>>>traffic>>>uplink", 5L), s.query("user>>>", false));
        assertEquals(2, s.query("", false).size());
        assertEquals(7L, s.value("inbound>>>x>>>traffic>>>uplink", true));
        assertEquals(0L, s.value("inbound>>>x>>>traffic>>>uplink", false));
        assertNull(s.value("nope", false));
        assertEquals(Map.of("user>>>a>>>traffic>>>uplink", 5L), s.query("a>>>", true));
        assertEquals(0L, s.value("user>>>a>>>traffic>>>uplink", false));
    }

    @Test
    void oneSharedHandlerPerPairCountsReadsAndWrites() {
        StatsCounters s = new StatsCounters();
        TrafficCounter h = s.handler("r", "w");
        assertSame(h, s.handler("r", "w"));
        EmbeddedChannel ch = new EmbeddedChannel(h);
        ch.writeInbound(Unpooled.wrappedBuffer(new byte[10]));
        ch.writeOutbound(Unpooled.wrappedBuffer(new byte[3]));
        ((io.netty.buffer.ByteBuf) ch.readInbound()).release();
        ((io.netty.buffer.ByteBuf) ch.readOutbound()).release();
        assertEquals(10L, s.value("r", false));
        assertEquals(3L, s.value("w", false));
        TrafficCounter readOnly = s.handler("r", null);
        EmbeddedChannel other = new EmbeddedChannel(readOnly);
        other.writeOutbound(Unpooled.wrappedBuffer(new byte[4]));
        ((io.netty.buffer.ByteBuf) other.readOutbound()).release();
        assertEquals(3L, s.value("w", false), "writes not counted where no counter is named");
        ch.finishAndReleaseAll();
        other.finishAndReleaseAll();
    }
}
