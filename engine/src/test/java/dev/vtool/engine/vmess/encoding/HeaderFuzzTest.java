package dev.vtool.engine.vmess.encoding;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.vmess.Fnv1a32;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.aead.AuthId;
import dev.vtool.engine.vmess.aead.SealedRequestHeader;
import dev.vtool.engine.vmess.body.BodyDecoder;
import dev.vtool.engine.vmess.legacy.AesCfb;
import dev.vtool.engine.vmess.legacy.LegacyAuth;
import dev.vtool.engine.vmess.legacy.SessionHistory;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the server's request-header decoding past authentication: the fuzzer writes the header
 * plaintext (optionally with a correct checksum), the test seals it with a real user's key (AEAD) or
 * hashes and CFB-encrypts it (legacy), then feeds the wire bytes and a body in fuzzer-chosen pieces.
 * Only {@link VmessException} may come out: any other exception would end a session the wrong way.
 */
@ExtendWith(LeakCheck.class)
class HeaderFuzzTest {
    private static final VmessId ID = VmessId.parse("b831381d-6324-4d53-ad4f-8cda48b30811");
    private static final long NOW = 1_700_000_000L;
    private static final VmessRandom FIXED = new VmessRandom() {
        @Override
        public void secureBytes(byte[] out) {
            java.util.Arrays.fill(out, (byte) 7);
        }

        @Override
        public int nextInt(int bound) {
            return bound / 2;
        }
    };

    /** Puts the FNV checksum where the server will look for it, so the fuzzer reaches the field checks. */
    private static void fixChecksum(byte[] pt) {
        int required = RequestPlaintext.FIXED_PART;
        if (pt.length < required) {
            return;
        }
        for (int i = 0; i < 8; i++) {
            int need = RequestPlaintext.requiredLength(pt, Math.min(pt.length, required));
            if (need <= required || need > pt.length) {
                break;
            }
            required = need;
        }
        if (required <= pt.length && required >= 4) {
            int fnv = Fnv1a32.hash(pt, 0, required - 4);
            pt[required - 4] = (byte) (fnv >>> 24);
            pt[required - 3] = (byte) (fnv >>> 16);
            pt[required - 2] = (byte) (fnv >>> 8);
            pt[required - 1] = (byte) fnv;
        }
    }

    private static void feed(ServerSession server, FuzzedDataProvider data, byte[] wire) {
        ByteBuf in = Unpooled.buffer();
        List<ByteBuf> out = new ArrayList<>();
        try {
            int at = 0;
            RequestHeader request = null;
            while (at < wire.length && request == null) {
                int n = Math.min(wire.length - at, 1 + data.consumeInt(0, 80));
                in.writeBytes(wire, at, n);
                at += n;
                request = server.decodeRequestHeader(in);
            }
            if (request == null) {
                return;
            }
            BodyDecoder body = server.requestBodyDecoder();
            in.writeBytes(data.consumeRemainingAsBytes());
            body.decode(in, ByteBufAllocator.DEFAULT, out);
            server.encodeResponseHeader(ResponseHeader.EMPTY);
            server.responseBodyEncoder();
        } catch (VmessException expected) {
            // a declared rejection
        } finally {
            in.release();
            out.forEach(ByteBuf::release);
        }
    }

    @FuzzTest(maxDuration = "60s")
    void aeadHeader(FuzzedDataProvider data) {
        UserValidator validator = new UserValidator();
        validator.add(KeyedUser.of(ID, 0, 0, "f@x"), NOW);
        boolean fix = data.consumeBoolean();
        byte[] pt = data.consumeBytes(data.consumeInt(0, 300));
        if (fix) {
            fixChecksum(pt);
        }
        byte[] authId = AuthId.create(ID.cmdKeyUnsafe(), NOW + data.consumeInt(-200, 200), new byte[] {1, 2, 3, 4});
        byte[] wire = SealedRequestHeader.seal(ID.cmdKeyUnsafe(), authId, new byte[8], pt);
        feed(new ServerSession(validator, new SessionHistory(), NOW, FIXED), data, wire);
    }

    @FuzzTest(maxDuration = "60s")
    void legacyHeader(FuzzedDataProvider data) {
        UserValidator validator = new UserValidator();
        validator.add(KeyedUser.of(ID, 1, 0, "f@x"), NOW);
        boolean fix = data.consumeBoolean();
        long ts = NOW + data.consumeInt(-150, 150);
        byte[] pt = data.consumeBytes(data.consumeInt(0, 300));
        if (fix) {
            fixChecksum(pt);
        }
        AesCfb.encryptor(ID.cmdKeyUnsafe(), LegacyAuth.headerIv(ts)).process(pt);
        byte[] hash = LegacyAuth.userHash(ID.uuidUnsafe(), ts);
        byte[] wire = new byte[hash.length + pt.length];
        System.arraycopy(hash, 0, wire, 0, hash.length);
        System.arraycopy(pt, 0, wire, hash.length, pt.length);
        feed(new ServerSession(validator, new SessionHistory(), NOW, FIXED), data, wire);
    }

    /** Unauthenticated bytes straight off the wire (what an active prober sends). */
    @FuzzTest(maxDuration = "30s")
    void rawWire(byte[] wire) {
        UserValidator validator = new UserValidator();
        validator.add(KeyedUser.of(ID, 1, 0, "f@x"), NOW);
        ServerSession server = new ServerSession(validator, new SessionHistory(), NOW, FIXED);
        ByteBuf in = Unpooled.wrappedBuffer(wire);
        try {
            server.decodeRequestHeader(in);
            if (server.drainRemaining() < 0) {
                throw new AssertionError("negative drain");
            }
        } catch (VmessException expected) {
            // rejected
        }
    }
}
