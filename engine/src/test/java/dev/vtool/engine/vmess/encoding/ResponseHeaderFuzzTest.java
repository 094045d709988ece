package dev.vtool.engine.vmess.encoding;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.vmess.Digests;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessException;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.aead.AeadResponseHeader;
import dev.vtool.engine.vmess.legacy.AesCfb;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.util.List;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Fuzzes the VMess client's response-header parser as a malicious server would drive it: the fuzzer
 * writes the response plaintext (V, options, command, length, command body), the test seals it with
 * the real response key, so every field past the seal is reached. Only VmessException may escape.
 */
@ExtendWith(LeakCheck.class)
class ResponseHeaderFuzzTest {
    private static final VmessId ID = VmessId.parse("b831381d-6324-4d53-ad4f-8cda48b30811");

    @FuzzTest(maxDuration = "60s")
    void responseHeader(FuzzedDataProvider data) {
        boolean aead = data.consumeBoolean();
        boolean matchAuth = data.consumeBoolean();
        ClientSession client = new ClientSession(ID, aead ? List.of() : List.of(ID), aead, VmessRandom.SYSTEM);
        client.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP,
                RequestTarget.of("127.0.0.1", 80), 1_700_000_000L);
        RequestHeader request = client.request();
        byte[] plain = data.consumeBytes(data.consumeInt(0, 300));
        if (matchAuth && plain.length > 0) {
            plain[0] = (byte) request.responseAuth();
        }
        byte[] wire;
        if (aead) {
            wire = AeadResponseHeader.seal(Digests.sha256First16(request.bodyKey()),
                    Digests.sha256First16(request.bodyIv()), plain);
        } else {
            wire = plain.clone();
            AesCfb.encryptor(Digests.md5(request.bodyKey()), Digests.md5(request.bodyIv())).process(wire);
        }
        ByteBuf in = Unpooled.buffer();
        try {
            int at = 0;
            ResponseHeader r = null;
            while (at < wire.length && r == null) {
                int n = Math.min(wire.length - at, 1 + data.consumeInt(0, 40));
                in.writeBytes(wire, at, n);
                at += n;
                r = client.decodeResponseHeader(in);
            }
            if (r != null) {
                client.responseBodyDecoder();
            }
        } catch (VmessException expected) {
            // declared rejection
        } finally {
            in.release();
        }
    }

    @FuzzTest(maxDuration = "30s")
    void switchAccountCommand(byte[] body) {
        try {
            SwitchAccountCommand c = SwitchAccountCommand.unmarshal(body);
            SwitchAccountCommand again = SwitchAccountCommand.unmarshal(c.marshal());
            if (!again.equals(c)) {
                throw new AssertionError("marshal/unmarshal differ: " + c + " vs " + again);
            }
        } catch (VmessException expected) {
            // declared rejection
        }
    }
}
