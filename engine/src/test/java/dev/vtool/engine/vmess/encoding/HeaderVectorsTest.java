package dev.vtool.engine.vmess.encoding;

import static dev.vtool.engine.vmess.Vectors.clock;
import static dev.vtool.engine.vmess.Vectors.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.vmess.FixedRandom;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.Vectors;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.legacy.AlternateIds;
import dev.vtool.engine.vmess.legacy.SessionHistory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.ByteArrayOutputStream;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/spec/vmess.md 8.3-8.5 through the sessions: the client reproduces 4.34's wire bytes from the same
 * random draws, and the server decodes them to the request 4.34 decoded.
 */
class HeaderVectorsTest {
    private final VmessId id = new VmessId(hex("uuid"));
    private static final RequestTarget EXAMPLE = RequestTarget.domain("example.com", 80);

    private static byte[] secure(String... keys) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String k : keys) {
            out.writeBytes(hex(k));
        }
        return out.toByteArray();
    }

    private static byte[] sessionRandom(String paddingKey, String... more) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(secure("request.body.key", "request.body.iv", "request.v", paddingKey));
        out.writeBytes(secure(more));
        return out.toByteArray();
    }

    private UserValidator validator(int alterId) {
        UserValidator v = new UserValidator();
        v.add(new VmessUser(id, alterId, 0, "t@x"), clock());
        return v;
    }

    private static FixedRandom serverRandom() {
        return new FixedRandom(new byte[0], 0);
    }

    @Test
    void plaintextEncodingMatchesBothVectors() {
        RequestHeader h = new RequestHeader(1, hex("request.body.iv"), hex("request.body.key"), 0x42, 0x05,
                SecurityType.AES_128_GCM, RequestCommand.TCP, EXAMPLE);
        assertArrayEquals(hex("aead.plaintext"), RequestPlaintext.encode(h, hex("padding.aead")));
        assertArrayEquals(hex("legacy.plaintext"), RequestPlaintext.encode(h, hex("padding.legacy")));
    }

    @Test
    void aeadClientReproducesTheWireFromTheSameDraws() {
        FixedRandom r = new FixedRandom(sessionRandom("padding.aead", "authid.random", "connection.nonce"), 5);
        ClientSession c = new ClientSession(id, List.of(), r);
        byte[] wire = c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, EXAMPLE, clock());
        assertEquals(Vectors.toHex(hex("aead.wire")), Vectors.toHex(wire));
        assertEquals(0, r.secureRemaining());
        assertEquals(0, r.intsRemaining());
    }

    @Test
    void legacyClientReproducesTheWire() {
        FixedRandom r = new FixedRandom(sessionRandom("padding.legacy"), 30, 3);
        ClientSession c = new ClientSession(id, List.of(), false, r);
        assertArrayEquals(hex("legacy.wire"), c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, EXAMPLE, clock()));
    }

    @Test
    void legacyClientWithAlternatesHashesWithTheChosenAlternateButEncryptsWithThePrimary() {
        FixedRandom r = new FixedRandom(sessionRandom("padding.legacy.alter2"), 30, 1, 2);
        ClientSession c = new ClientSession(id, AlternateIds.generate(id, 2), r);
        assertFalse(c.isAead());
        assertArrayEquals(hex("legacy.alter2.wire"), c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, EXAMPLE, clock()));
    }

    private static void assertExampleRequest(RequestHeader h) {
        assertNotNull(h);
        assertEquals(1, h.version());
        assertEquals(RequestCommand.TCP, h.command());
        assertEquals(0x05, h.options());
        assertEquals(SecurityType.AES_128_GCM, h.security());
        assertEquals(EXAMPLE, h.target());
        assertEquals(0x42, h.responseAuth());
        assertArrayEquals(hex("request.body.key"), h.bodyKey());
        assertArrayEquals(hex("request.body.iv"), h.bodyIv());
    }

    @Test
    void serverDecodesTheAeadVectorByteByByte() throws VmessException {
        ServerSession s = new ServerSession(validator(0), new SessionHistory(), clock(), serverRandom());
        byte[] wire = hex("aead.wire");
        ByteBuf in = Unpooled.buffer();
        RequestHeader h = null;
        for (byte b : wire) {
            assertNull(h);
            in.writeByte(b);
            h = s.decodeRequestHeader(in);
        }
        assertExampleRequest(h);
        assertTrue(s.isAead());
        assertEquals(0, in.readableBytes());
        in.release();
    }

    @Test
    void serverDecodesLegacyVectorsForAUserWithAlternates() throws VmessException {
        for (String key : new String[] {"legacy.wire", "legacy.alter2.wire"}) {
            ServerSession s = new ServerSession(validator(2), new SessionHistory(), clock(), serverRandom());
            ByteBuf in = Unpooled.buffer();
            RequestHeader h = null;
            for (byte b : hex(key)) {
                assertNull(h, key);
                in.writeByte(b);
                h = s.decodeRequestHeader(in);
            }
            assertExampleRequest(h);
            assertFalse(s.isAead());
            in.release();
        }
    }

    @Test
    void legacyHeaderIsRefusedForAUserWithoutAlternates() {
        ServerSession s = new ServerSession(validator(0), new SessionHistory(), clock(), serverRandom());
        ByteBuf in = Unpooled.wrappedBuffer(hex("legacy.wire"));
        VmessException e = assertThrows(VmessException.class, () -> s.decodeRequestHeader(in));
        assertEquals("invalid user > Not Found", e.getMessage());
        assertTrue(e.drain());
        assertEquals(s.drainSize() - 16, s.drainRemaining());
        in.release();
    }

    @Test
    void serverResponseHeadersMatchBothModes() throws VmessException {
        ServerSession aead = new ServerSession(validator(0), new SessionHistory(), clock(), serverRandom());
        ByteBuf in = Unpooled.wrappedBuffer(hex("aead.wire"));
        assertNotNull(aead.decodeRequestHeader(in));
        assertArrayEquals(hex("aead.resp.header"), aead.encodeResponseHeader(ResponseHeader.EMPTY));
        in.release();

        ServerSession legacy = new ServerSession(validator(2), new SessionHistory(), clock(), serverRandom());
        in = Unpooled.wrappedBuffer(hex("legacy.wire"));
        assertNotNull(legacy.decodeRequestHeader(in));
        assertArrayEquals(hex("legacy.resp.header"), legacy.encodeResponseHeader(ResponseHeader.EMPTY));
        in.release();
    }

    @Test
    void responseKeysAreTruncatedSha256ForAeadAndMd5ForLegacy() {
        assertArrayEquals(hex("aead.resp.key"), dev.vtool.engine.vmess.Digests.sha256First16(hex("request.body.key")));
        assertArrayEquals(hex("aead.resp.iv"), dev.vtool.engine.vmess.Digests.sha256First16(hex("request.body.iv")));
        assertArrayEquals(hex("legacy.resp.key"), dev.vtool.engine.vmess.Digests.md5(hex("request.body.key")));
        assertArrayEquals(hex("legacy.resp.iv"), dev.vtool.engine.vmess.Digests.md5(hex("request.body.iv")));
    }

    @Test
    void switchAccountCommandMarshalsAndTheClientReadsIt() throws VmessException {
        SwitchAccountCommand cmd = new SwitchAccountCommand("", 10087, hex("switch.uuid"), 0, 0, 5);
        byte[] r = new ResponseHeader(0, cmd).encode(0x42);
        byte[] expected = hex("switch.command");
        assertEquals(0x42, r[0]);
        assertEquals(0, r[1]);
        assertArrayEquals(expected, java.util.Arrays.copyOfRange(r, 2, r.length));

        FixedRandom rnd = new FixedRandom(sessionRandom("padding.aead", "authid.random", "connection.nonce"), 5);
        ClientSession c = new ClientSession(id, List.of(), rnd);
        c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, EXAMPLE, clock());
        ByteBuf in = Unpooled.buffer();
        byte[] wire = hex("aead.resp.header.switch");
        ResponseHeader got = null;
        for (byte b : wire) {
            assertNull(got);
            in.writeByte(b);
            got = c.decodeResponseHeader(in);
        }
        assertEquals(cmd, got.command());
        in.release();
    }

    @Test
    void legacyClientReadsTheLegacyResponse() throws VmessException {
        ClientSession c = new ClientSession(id, List.of(), false, new FixedRandom(sessionRandom("padding.legacy"), 30, 3));
        c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, EXAMPLE, clock());
        ByteBuf in = Unpooled.wrappedBuffer(hex("legacy.resp.header"));
        assertEquals(ResponseHeader.EMPTY, c.decodeResponseHeader(in));
        in.release();
    }

    @Test
    void clientRejectsAWrongResponseAuthByte() {
        ClientSession c = new ClientSession(id, List.of(), false, new FixedRandom(sessionRandom("padding.legacy"), 30, 3));
        c.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP, EXAMPLE, clock());
        byte[] bad = hex("legacy.resp.header");
        bad[0] ^= 1;
        ByteBuf in = Unpooled.wrappedBuffer(bad);
        VmessException e = assertThrows(VmessException.class, () -> c.decodeResponseHeader(in));
        assertTrue(e.getMessage().startsWith("unexpected response header. Expecting 66"), e.getMessage());
        in.release();
    }

    @Test
    void behaviorSeedOfTheTestUuid() {
        assertEquals(Long.parseUnsignedLong(Vectors.toHex(hex("behavior.seed")), 16), BehaviorSeed.addUser(0, hex("uuid")));
        DrainBudget b = DrainBudget.fromSeed(BehaviorSeed.addUser(0, hex("uuid")));
        assertTrue(b.base() >= 0 && b.base() < 3266);
        assertTrue(b.randMax() >= 1 && b.randMax() <= 64);
        assertTrue(b.total(0) >= 54 && b.total(b.randMax() - 1) <= 3382);
    }
}
