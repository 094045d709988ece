package dev.vtool.engine.shadowsocks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.FuzzContexts;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.protocol.shadowsocks.ShadowsocksMethod;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Hostile input on the shadowsocks inbound, in an EmbeddedChannel (Netty's leak detector paranoid):
 * garbage, a truncated salt or header, a wrong password, a huge length, a zero-length domain, a replayed
 * salt and every bit flip of a valid request. As in 4.34 the server never answers a bad request; it
 * reads on until its per-key drain budget (counted from the connection start) is used up and then
 * closes; a client that stops sending early is closed at its EOF.
 */
@ExtendWith(LeakCheck.class)
class SsInboundHostileTest {
    private static final String PASSWORD = "hostile";
    private static final HexFormat HEX = HexFormat.of();

    private static final java.util.List<dev.vtool.engine.Session> DISPATCHED =
            java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    private static ShadowsocksInbound inbound(String method) throws Exception {
        String json = """
                {"inbounds": [{"port": 1, "protocol": "shadowsocks", "settings": {"method": "%s", "password": "%s"}}],
                 "outbounds": [{"protocol": "freedom"}]}
                """.formatted(method, PASSWORD);
        return (ShadowsocksInbound) ShadowsocksInbound.create(EngineHarnessAccess.config(json).inbounds().get(0),
                FuzzContexts.create(json, DISPATCHED::add));
    }

    private static EmbeddedChannel channel(ShadowsocksInbound in) throws Exception {
        return new EmbeddedChannel(new SsServerHandler(in, FuzzContexts.session()));
    }

    /** Bytes consumed before the server closed, feeding {@code flight} then zeros one at a time (-1: never). */
    private static int closePoint(ShadowsocksInbound in, byte[] flight) throws Exception {
        EmbeddedChannel ch = channel(in);
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(flight));
            int fed = flight.length;
            while (ch.isOpen() && fed < 5000) {
                ch.writeInbound(Unpooled.wrappedBuffer(new byte[1]));
                fed++;
            }
            assertNull(ch.readOutbound(), "a rejected client must get nothing back");
            return ch.isOpen() ? -1 : fed;
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    /** A valid aes-128-gcm request (address example.com:80 and a few bytes) under {@code password}. */
    private static byte[] request(String password, byte[] header) {
        ShadowsocksMethod m = ShadowsocksMethod.AES_128_GCM;
        SsStreamEncoder enc = new SsStreamEncoder(m, SsKeys.masterKey(password, 16), new java.security.SecureRandom());
        ByteBuf h = Unpooled.wrappedBuffer(header);
        ByteBuf framed = enc.encode(h, ByteBufAllocator.DEFAULT);
        h.release();
        try {
            return ByteBufUtil.getBytes(framed);
        } finally {
            framed.release();
        }
    }

    private static final byte[] EXAMPLE = HEX.parseHex("030b6578616d706c652e636f6d0050");

    private static void assertInsideBudget(int at, String what) {
        // base 0..3265 + 54 + 0..63: the exact base is per key, so check it is a drain, not an early close
        assertTrue(at >= 54 && at <= 3266 + 54 + 64, what + ": closed after " + at + " bytes");
    }

    @ParameterizedTest
    @ValueSource(strings = {"aes-128-gcm", "aes-256-gcm", "chacha20-poly1305"})
    void garbageIsDrainedToTheSameBudgetEveryTime(String method) throws Exception {
        ShadowsocksInbound in = inbound(method);
        Random r = new Random(1);
        int first = -2;
        for (int len : new int[] {1, 17, 33, 50, 200}) {
            byte[] junk = new byte[len];
            r.nextBytes(junk);
            int at = closePoint(in, junk);
            assertInsideBudget(at, len + " junk bytes");
            // the per-connection part is at most 63: the close point never tells where parsing failed
            if (first == -2) {
                first = at;
            }
            assertTrue(Math.abs(at - first) < 64, "close points " + first + " and " + at + " differ too much");
        }
    }

    @Test
    void wrongPasswordLooksLikeGarbage() throws Exception {
        assertInsideBudget(closePoint(inbound("aes-128-gcm"), request("not the password", EXAMPLE)), "wrong password");
    }

    @Test
    void everyBitFlipOfAValidRequestClosesAtTheDrainBudget() throws Exception {
        ShadowsocksInbound in = inbound("aes-128-gcm");
        byte[] valid = request(PASSWORD, EXAMPLE);
        for (int bit = 0; bit < valid.length * 8; bit += 3) {
            byte[] flipped = valid.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertInsideBudget(closePoint(in, flipped), "bit " + bit);
        }
    }

    @Test
    void badAddressTypeAndZeroLengthDomainAreDrainedNotCrashed() throws Exception {
        ShadowsocksInbound in = inbound("aes-128-gcm");
        assertInsideBudget(closePoint(in, request(PASSWORD, HEX.parseHex("0201020304"))), "address type 2");
        assertInsideBudget(closePoint(in, request(PASSWORD, HEX.parseHex("03000050"))), "zero-length domain");
        assertInsideBudget(closePoint(in, request(PASSWORD, HEX.parseHex("03036120620050"))), "space in a domain");
        assertInsideBudget(closePoint(inbound("none"), HEX.parseHex("0901020304")), "none, type 9");
    }

    @Test
    void hugeDeclaredLengthIsBoundedAndFails() throws Exception {
        // a length block that authenticates and declares 0xFFFF bytes, then that many bytes of garbage
        ShadowsocksMethod m = ShadowsocksMethod.AES_128_GCM;
        byte[] key = SsKeys.masterKey(PASSWORD, 16);
        byte[] salt = new byte[16];
        new Random(2).nextBytes(salt);
        SsAead aead = SsAead.create(m, SsKeys.subkey(key, salt, 0, 16), true);
        byte[] lengthBlock = new byte[18];
        aead.seal(new byte[] {(byte) 0xFF, (byte) 0xFF}, 0, 2, lengthBlock, 0);
        EmbeddedChannel ch = channel(inbound("aes-128-gcm"));
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(salt), Unpooled.wrappedBuffer(lengthBlock));
            assertTrue(ch.isOpen(), "waits for the declared chunk");
            byte[] body = new byte[0xFFFF + 16];
            for (int off = 0; off < body.length && ch.isOpen(); off += 4096) {
                ch.writeInbound(Unpooled.wrappedBuffer(body, off, Math.min(4096, body.length - off)));
            }
            // the budget was used up long ago: 4.34 closes right after the failed chunk, and so does vtool
            assertFalse(ch.isOpen());
            assertNull(ch.readOutbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 5, 16, 20, 33})
    void truncatedRequestThenEofClosesAtOnceWithoutAnswer(int keep) throws Exception {
        byte[] valid = request(PASSWORD, EXAMPLE);
        EmbeddedChannel ch = channel(inbound("aes-128-gcm"));
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(valid, 0, keep));
            assertTrue(ch.isOpen());
            ch.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
            assertFalse(ch.isOpen(), "EOF before the header ends the connection");
            assertNull(ch.readOutbound());
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    @Test
    void replayedSaltIsDrainedLikeAWrongPassword() throws Exception {
        ShadowsocksInbound in = inbound("aes-128-gcm");
        byte[] valid = request(PASSWORD, EXAMPLE);
        DISPATCHED.clear();
        EmbeddedChannel first = channel(in);
        try {
            first.writeInbound(Unpooled.wrappedBuffer(valid));
            assertEquals(1, DISPATCHED.size(), "the first use of the salt is accepted and dispatched");
            assertEquals("tcp:example.com:80", DISPATCHED.get(0).destination().toString());
        } finally {
            first.finishAndReleaseAll();
        }
        assertInsideBudget(closePoint(in, valid), "replayed request");
        assertEquals(1, DISPATCHED.size(), "the replay is not dispatched");
    }

    @Test
    void aValidRequestSplitAnywhereIsAccepted() throws Exception {
        ShadowsocksInbound in = inbound("chacha20-poly1305");
        DISPATCHED.clear();
        int n = 0;
        for (int split = 1; split < 60; split += 7) {
            SsStreamEncoder enc = new SsStreamEncoder(ShadowsocksMethod.CHACHA20_POLY1305,
                    SsKeys.masterKey(PASSWORD, 32), new java.security.SecureRandom());
            ByteBuf h = Unpooled.wrappedBuffer(EXAMPLE);
            ByteBuf wire = enc.encode(h, ByteBufAllocator.DEFAULT);
            h.release();
            EmbeddedChannel ch = channel(in);
            try {
                ch.writeInbound(wire.readRetainedSlice(Math.min(split, wire.readableBytes())));
                assertEquals(n, DISPATCHED.size(), "dispatched before the header was complete, split at " + split);
                ch.writeInbound(wire.retain());
                assertEquals(++n, DISPATCHED.size(), "split at " + split);
                assertNull(ch.readOutbound());
            } finally {
                wire.release();
                ch.finishAndReleaseAll();
            }
        }
    }
}
