package dev.vtool.engine.vmess.inbound;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarnessAccess;
import dev.vtool.engine.FuzzContexts;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.VmessRandom;
import dev.vtool.engine.vmess.encoding.ClientSession;
import dev.vtool.engine.vmess.encoding.DrainBudget;
import dev.vtool.engine.vmess.encoding.RequestTarget;
import dev.vtool.engine.vmess.legacy.AlternateIds;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * docs/spec/security.md 1.1 (the 2020 legacy probing attack): flip every bit of a captured legacy command and
 * every bit of an AEAD header, then feed zeros one byte at a time. The server must close only once its
 * drain budget is consumed, never at a point that tells which field failed (4.34 before 4.23.4 closed
 * right after the padding and checksum; 4.34 still closes at once after an AEAD checksum error).
 */
@ExtendWith(LeakCheck.class)
class ClosePointTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String JSON = """
            {"inbounds": [{"port": 1, "protocol": "vmess", "settings": {"clients": [{"id": "%s", "alterId": 4}]}}],
             "outbounds": [{"protocol": "freedom"}]}
            """.formatted(ID);

    /** Bytes the server consumed before it closed, feeding the flight then zeros one at a time. */
    private static int closePoint(VmessInbound inbound, byte[] flight) throws Exception {
        EmbeddedChannel ch = new EmbeddedChannel(new VmessServerHandler(inbound, FuzzContexts.session()));
        try {
            ch.writeInbound(Unpooled.wrappedBuffer(flight));
            int fed = flight.length;
            while (ch.isOpen() && fed < 5000) {
                ch.writeInbound(Unpooled.wrappedBuffer(new byte[1]));
                fed++;
            }
            return ch.isOpen() ? -1 : fed;
        } finally {
            ch.finishAndReleaseAll();
        }
    }

    private static void assertEveryFlipClosesInsideTheBudget(boolean aead) throws Exception {
        var config = EngineHarnessAccess.config(JSON);
        VmessInbound inbound = (VmessInbound) VmessInbound.create(config.inbounds().get(0), FuzzContexts.create(JSON));
        DrainBudget budget = inbound.validator().drainBudget();
        int min = budget.total(0);
        int max = budget.total(budget.randMax() - 1);
        VmessId id = VmessId.parse(ID);
        ClientSession client = new ClientSession(id, aead ? List.of() : AlternateIds.generate(id, 4), aead,
                VmessRandom.SYSTEM);
        byte[] header = client.encodeRequestHeader(0x05, SecurityType.AES_128_GCM, RequestCommand.TCP,
                RequestTarget.of("127.0.0.1", 80), System.currentTimeMillis() / 1000);
        for (int bit = 16 * 8; bit < header.length * 8; bit++) { // the auth bytes are tested by the probes
            byte[] flipped = header.clone();
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            int at = closePoint(inbound, flipped);
            assertTrue(at >= min && at <= max, (aead ? "AEAD" : "legacy") + " bit " + bit + ": closed after " + at
                    + " bytes, the budget is " + min + ".." + max);
        }
    }

    @Test
    void legacyCommandBitFlipsAllCloseAtTheDrainBudget() throws Exception {
        assertEveryFlipClosesInsideTheBudget(false);
    }

    @Test
    void aeadHeaderBitFlipsAllCloseAtTheDrainBudget() throws Exception {
        assertEveryFlipClosesInsideTheBudget(true);
    }
}
