package dev.vtool.engine.vmess.encoding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.Fnv1a32;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.aead.AuthId;
import dev.vtool.engine.vmess.aead.SealedRequestHeader;
import dev.vtool.engine.vmess.legacy.AlternateIds;
import dev.vtool.engine.vmess.legacy.SessionHistory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Server-side rejections: which failures drain, with which words, and that nothing else escapes. */
class ServerFailureTest {
    private static final long NOW = 1_700_000_000L;
    private static final VmessId ID = VmessId.parse("b831381d-6324-4d53-ad4f-8cda48b30811");
    private final UserValidator validator = new UserValidator();
    private final SessionHistory history = new SessionHistory();

    ServerFailureTest() {
        validator.add(KeyedUser.of(ID, 0, 0, "a@b"), NOW);
        validator.add(KeyedUser.of(VmessId.parse("0f0e0d0c-0b0a-0908-0706-050403020100"), 8, 1, "legacy@b"), NOW);
    }

    private ServerSession session() {
        return new ServerSession(validator, history, NOW, VmessRandom.SYSTEM);
    }

    private RequestHeader decode(byte[] wire) throws VmessException {
        ServerSession s = session();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            return s.decodeRequestHeader(in);
        } finally {
            in.release();
        }
    }

    private VmessException reject(byte[] wire) {
        return assertThrows(VmessException.class, () -> decode(wire));
    }

    /** A well-formed plaintext (fresh key/IV each time) with a given tail after the fixed part. */
    private static byte[] plaintext(int options, int securityNibble, int padding, int command, byte[] address) {
        byte[] p = new byte[38 + address.length + padding + 4];
        p[0] = 1;
        for (int i = 1; i < 33; i++) {
            p[i] = (byte) new Random().nextInt();
        }
        p[33] = 0x11;
        p[34] = (byte) options;
        p[35] = (byte) (padding << 4 | securityNibble);
        p[37] = (byte) command;
        System.arraycopy(address, 0, p, 38, address.length);
        int fnv = Fnv1a32.hash(p, 0, p.length - 4);
        p[p.length - 4] = (byte) (fnv >>> 24);
        p[p.length - 3] = (byte) (fnv >>> 16);
        p[p.length - 2] = (byte) (fnv >>> 8);
        p[p.length - 1] = (byte) fnv;
        return p;
    }

    private static byte[] domain(String d, int port) {
        byte[] b = d.getBytes(StandardCharsets.ISO_8859_1);
        byte[] out = new byte[4 + b.length];
        out[0] = (byte) (port >>> 8);
        out[1] = (byte) port;
        out[2] = 2;
        out[3] = (byte) b.length;
        System.arraycopy(b, 0, out, 4, b.length);
        return out;
    }

    private static byte[] seal(byte[] plaintext, long ts) {
        byte[] rand = new byte[4];
        new Random().nextBytes(rand);
        byte[] nonce = new byte[8];
        new Random().nextBytes(nonce);
        return SealedRequestHeader.seal(ID.cmdKey(), AuthId.create(ID.cmdKey(), ts, rand), nonce, plaintext);
    }

    @Test
    void wellFormedCraftedHeaderIsAccepted() throws VmessException {
        RequestHeader h = decode(seal(plaintext(0x0D, 3, 7, 1, domain("a-b_c.example", 443)), NOW));
        assertEquals(RequestTarget.domain("a-b_c.example", 443), h.target());
        assertEquals(SecurityType.AES_128_GCM, h.security());
    }

    @Test
    void aeadWindowIs120SecondsEitherWay() throws VmessException {
        assertNotNull(decode(seal(plaintext(5, 3, 0, 1, domain("x", 1)), NOW - 60)));
        assertNotNull(decode(seal(plaintext(5, 3, 0, 1, domain("x", 1)), NOW + 120)));
        assertEquals("invalid user > Not Found", reject(seal(plaintext(5, 3, 0, 1, domain("x", 1)), NOW - 150)).getMessage());
        assertEquals("invalid user > Not Found", reject(seal(plaintext(5, 3, 0, 1, domain("x", 1)), NOW + 150)).getMessage());
    }

    @Test
    void replayedAeadHeaderIsAnInvalidUserThatDrains() throws VmessException {
        byte[] wire = seal(plaintext(5, 3, 0, 1, domain("x", 1)), NOW);
        assertNotNull(decode(wire));
        VmessException e = reject(wire);
        assertEquals("invalid user > replayed request", e.getMessage());
        assertTrue(e.drain());
    }

    @Test
    void sameKeyAndIvUnderAFreshAuthIdIsADuplicateSessionWithoutDrain() throws VmessException {
        byte[] p = plaintext(5, 3, 0, 1, domain("x", 1));
        assertNotNull(decode(seal(p, NOW)));
        VmessException e = reject(seal(p, NOW));
        assertEquals("duplicated session id, possibly under replay attack, but this is a AEAD request", e.getMessage());
        assertFalse(e.drain());
    }

    @Test
    void checksumMismatchInsideAnAuthenticatedHeader() {
        byte[] p = plaintext(5, 3, 2, 1, domain("x", 1));
        p[p.length - 1] ^= 1;
        VmessException e = reject(seal(p, NOW));
        assertEquals("invalid auth, but this is a AEAD request", e.getMessage());
        assertFalse(e.drain());
    }

    @Test
    void badAddressesAreInvalidRemoteAddress() {
        assertEquals("invalid remote address > invalid domain name: a b", reject(seal(plaintext(5, 3, 0, 1, domain("a b", 1)), NOW)).getMessage());
        assertEquals("invalid remote address > invalid domain name: ", reject(seal(plaintext(5, 3, 0, 1, domain("", 1)), NOW)).getMessage());
        assertEquals("invalid remote address > unknown address type: 9", reject(seal(plaintext(5, 3, 0, 1, new byte[] {0, 80, 9}), NOW)).getMessage());
        assertTrue(reject(seal(plaintext(5, 3, 0, 7, new byte[0]), NOW)).getMessage().startsWith("invalid remote address"));
    }

    @Test
    void domainThatIsAnIpLiteralBecomesAnIp() throws VmessException {
        RequestHeader h = decode(seal(plaintext(5, 3, 0, 1, domain("127.0.0.1", 8080)), NOW));
        assertEquals(RequestTarget.ip(new byte[] {127, 0, 0, 1}, 8080), h.target());
        h = decode(seal(plaintext(5, 3, 0, 1, domain("[::1]", 8080)), NOW));
        assertEquals(16, h.target().ip().length);
    }

    @Test
    void muxHasNoAddress() throws VmessException {
        RequestHeader h = decode(seal(plaintext(5, 3, 3, 3, new byte[0]), NOW));
        assertEquals(RequestCommand.MUX, h.command());
        assertEquals(RequestTarget.MUX, h.target());
    }

    @Test
    void autoAndUnknownSecuritiesAreRefusedAndZeroMeansLegacy() throws VmessException {
        assertEquals("unknown security type: AUTO", reject(seal(plaintext(5, 2, 0, 1, domain("x", 1)), NOW)).getMessage());
        assertEquals("unknown security type: UNKNOWN", reject(seal(plaintext(5, 6, 0, 1, domain("x", 1)), NOW)).getMessage());
        assertEquals(SecurityType.LEGACY, decode(seal(plaintext(1, 0, 0, 1, domain("x", 1)), NOW)).security());
    }

    @Test
    void globalPaddingWithoutMaskingIsRefusedCleanly() {
        VmessException e = reject(seal(plaintext(0x09, 3, 0, 1, domain("x", 1)), NOW));
        assertTrue(e.getMessage().startsWith("invalid request options 0x09"), e.getMessage());
    }

    @Test
    void truncatedAuthenticatedPlaintextReportsWhatWasMissing() {
        byte[] p = plaintext(5, 3, 6, 1, domain("example.com", 1));
        assertEquals("failed to read padding > unexpected EOF", reject(seal(Arrays.copyOf(p, p.length - 8), NOW)).getMessage());
        p = plaintext(5, 3, 6, 1, domain("example.com", 1));
        assertEquals("failed to read checksum > unexpected EOF", reject(seal(Arrays.copyOf(p, p.length - 2), NOW)).getMessage());
        p = plaintext(5, 3, 6, 1, domain("example.com", 1));
        assertEquals("failed to read padding > unexpected EOF", reject(seal(Arrays.copyOf(p, 44), NOW)).getMessage(), "cut in the domain");
        assertEquals("failed to read request header > unexpected EOF", reject(seal(Arrays.copyOf(p, 20), NOW)).getMessage());
    }

    @Test
    void incompleteInputWaitsInsteadOfFailing() throws VmessException {
        byte[] wire = seal(plaintext(5, 3, 0, 1, domain("x", 1)), NOW);
        ServerSession s = session();
        ByteBuf in = Unpooled.buffer();
        in.writeBytes(wire, 0, wire.length - 1);
        assertNull(s.decodeRequestHeader(in));
        in.writeByte(wire[wire.length - 1]);
        assertNotNull(s.decodeRequestHeader(in));
        in.release();
    }

    @Test
    void garbageIsAlwaysAnInvalidUserThatDrainsToTheBudget() {
        Random r = new Random(5);
        for (int i = 0; i < 300; i++) {
            byte[] g = new byte[16 + r.nextInt(4000)];
            r.nextBytes(g);
            ServerSession s = session();
            ByteBuf in = Unpooled.wrappedBuffer(g);
            VmessException e = assertThrows(VmessException.class, () -> s.decodeRequestHeader(in));
            assertEquals("invalid user > Not Found", e.getMessage());
            assertTrue(e.drain());
            assertEquals(s.drainSize() - 16, s.drainRemaining());
            assertTrue(s.drainSize() >= 54 && s.drainSize() <= 3382);
            in.release();
        }
    }

    @Test
    void tamperedAeadLengthDrainsCountingWhatWasRead() {
        byte[] wire = seal(plaintext(5, 3, 0, 1, domain("x", 1)), NOW);
        wire[20] ^= 1;
        ServerSession s = session();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        VmessException e = assertThrows(VmessException.class, () -> s.decodeRequestHeader(in));
        assertTrue(e.getMessage().startsWith("AEAD read failed"));
        assertTrue(e.drain());
        assertEquals(s.drainSize() - 16 - 26, s.drainRemaining());
        in.release();
    }

    @Test
    void legacyReplayTaintsTheHashAndEveryLaterUseOfIt() throws VmessException {
        VmessId legacyId = VmessId.parse("0f0e0d0c-0b0a-0908-0706-050403020100");
        ClientSession c = new ClientSession(legacyId, AlternateIds.generate(legacyId, 8), VmessRandom.SYSTEM);
        byte[] wire = c.encodeRequestHeader(1, SecurityType.LEGACY, RequestCommand.TCP, RequestTarget.domain("x", 1), NOW);
        assertNotNull(decode(wire));
        VmessException dup = reject(wire);
        assertEquals("duplicated session id, possibly under replay attack, userHash tainted", dup.getMessage());
        assertTrue(dup.drain());
        byte[] fresh = wire.clone();
        fresh[20] ^= 1; // different body IV, same user hash
        VmessException tainted = reject(fresh);
        assertEquals("invalid user > ErrTainted", tainted.getMessage());
        assertTrue(tainted.drain());
    }

    @Test
    void legacyChecksumFailureTaintsAndDrains() throws VmessException {
        VmessId legacyId = VmessId.parse("0f0e0d0c-0b0a-0908-0706-050403020100");
        ClientSession c = new ClientSession(legacyId, AlternateIds.generate(legacyId, 8), VmessRandom.SYSTEM);
        byte[] wire = c.encodeRequestHeader(1, SecurityType.LEGACY, RequestCommand.TCP, RequestTarget.domain("x", 1), NOW);
        wire[wire.length - 1] ^= 1; // CFB: flips exactly the last checksum byte
        ServerSession s = session();
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        VmessException e = assertThrows(VmessException.class, () -> s.decodeRequestHeader(in));
        assertEquals("invalid auth, legacy userHash tainted", e.getMessage());
        assertTrue(e.drain());
        assertEquals(s.drainSize() - wire.length, s.drainRemaining());
        in.release();
        assertEquals("invalid user > ErrTainted", reject(wire).getMessage());
    }

    @Test
    void legacyAcceptedForAnyTimestampInsideTheTable() {
        VmessId legacyId = VmessId.parse("0f0e0d0c-0b0a-0908-0706-050403020100");
        List<VmessId> alts = AlternateIds.generate(legacyId, 8);
        for (long skew : new long[] {-120, -90, 0, 90, 120}) {
            ClientSession c = new ClientSession(legacyId, alts, VmessRandom.SYSTEM);
            byte[] wire = c.encodeRequestHeader(1, SecurityType.LEGACY, RequestCommand.TCP, RequestTarget.domain("x", 1), NOW + skew);
            // jitter is -30..+29 around the given clock; stay within the window
            if (Math.abs(skew) < 90) {
                assertTrue(assertDoesNotThrowDecode(wire));
            }
        }
        ClientSession old = new ClientSession(legacyId, alts, VmessRandom.SYSTEM);
        byte[] wire = old.encodeRequestHeader(1, SecurityType.LEGACY, RequestCommand.TCP, RequestTarget.domain("x", 1), NOW - 200);
        assertEquals("invalid user > Not Found", reject(wire).getMessage());
    }

    @Test
    void everyBitFlipOfALegacyHeaderIsAcceptedOrRefusedCleanly() {
        VmessId legacyId = VmessId.parse("0f0e0d0c-0b0a-0908-0706-050403020100");
        List<VmessId> alts = AlternateIds.generate(legacyId, 8);
        int refused = 0;
        for (int bit = 0; bit < 8 * 60; bit += 3) {
            ClientSession c = new ClientSession(legacyId, alts, VmessRandom.SYSTEM);
            byte[] wire = c.encodeRequestHeader(1, SecurityType.LEGACY, RequestCommand.TCP, RequestTarget.domain("example.com", 443), NOW);
            if (bit / 8 >= wire.length) {
                break;
            }
            wire[bit / 8] ^= (byte) (1 << (bit % 8));
            ServerSession s = session();
            ByteBuf in = Unpooled.wrappedBuffer(wire);
            try {
                s.decodeRequestHeader(in); // null (waiting for more) or a header whose checksum happened to pass
            } catch (VmessException expected) {
                refused++;
            } finally {
                in.release();
            }
        }
        assertTrue(refused > 100, "most flips must be refused, got " + refused);
    }

    @Test
    void truncatedLegacyHeaderWaitsThenAbandonTaintsTheHash() throws VmessException {
        VmessId legacyId = VmessId.parse("0f0e0d0c-0b0a-0908-0706-050403020100");
        ClientSession c = new ClientSession(legacyId, AlternateIds.generate(legacyId, 8), VmessRandom.SYSTEM);
        byte[] wire = c.encodeRequestHeader(1, SecurityType.LEGACY, RequestCommand.TCP, RequestTarget.domain("x", 1), NOW);
        ServerSession s = session();
        ByteBuf in = Unpooled.wrappedBuffer(Arrays.copyOf(wire, wire.length - 3));
        assertNull(s.decodeRequestHeader(in));
        s.abandon();
        in.release();
        assertEquals("invalid user > ErrTainted", reject(wire).getMessage());
    }

    @Test
    void clientResponseDecoderRefusesGarbageCleanly() {
        Random r = new Random(3);
        for (boolean aead : new boolean[] {true, false}) {
            for (int i = 0; i < 200; i++) {
                ClientSession c = aead ? new ClientSession(ID, List.of(), VmessRandom.SYSTEM)
                        : new ClientSession(ID, AlternateIds.generate(ID, 2), VmessRandom.SYSTEM);
                c.encodeRequestHeader(0x0D, SecurityType.AES_128_GCM, RequestCommand.TCP, RequestTarget.domain("x", 1), NOW);
                byte[] g = new byte[r.nextInt(300)];
                r.nextBytes(g);
                ByteBuf in = Unpooled.wrappedBuffer(g);
                try {
                    c.decodeResponseHeader(in);
                } catch (VmessException expected) {
                    // declared rejection
                } finally {
                    in.release();
                }
            }
        }
    }

    private boolean assertDoesNotThrowDecode(byte[] wire) {
        try {
            return decode(wire) != null;
        } catch (VmessException e) {
            throw new AssertionError(e);
        }
    }
}
