package dev.vtool.engine.vmess.outbound;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.vmess.body.BodyCiphers;
import dev.vtool.schema.model.LogLevel;
import org.junit.jupiter.api.Test;

/**
 * The log names the body ciphers in use, and a chacha20-poly1305 client on a JDK without the ChaCha20
 * intrinsic (and without OpenSSL) is warned once. Runs on the build's JDK and again in the JDK 25 fork,
 * so both answers are checked where they apply.
 */
class CipherReportTest {
    private static final String WARNING = "[Warning] v2ray.com/core/proxy/vmess/outbound:";

    private static String startLog(String security) throws Exception {
        try (EngineHarness engine = new EngineHarness("""
                {"outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": 1,
                  "users": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "security": "%s"}]}]}}]}
                """.formatted(security), LogLevel.INFO)) {
            return engine.log();
        }
    }

    @Test
    void theLogNamesTheCiphersAndWarnsOnlyWhereChachaIsSlow() throws Exception {
        String log = startLog("chacha20-poly1305");
        assertTrue(log.contains("[Info] v2ray.com/core/proxy/vmess/outbound: body ciphers: " + BodyCiphers.describe()), log);
        assertEquals(BodyCiphers.chachaIsSlowHere(), log.contains(WARNING), log);
        if (Runtime.version().feature() < 20 && !BodyCiphers.describe().contains("OpenSSL")) {
            assertTrue(log.contains("chacha20-poly1305 runs on Java " + Runtime.version().feature()), log);
        }
        if (Runtime.version().feature() >= 22 && BodyCiphers.describe().contains("OpenSSL")) {
            assertTrue(!log.contains(WARNING), log);
        }
    }

    @Test
    void anAesClientIsNeverWarned() throws Exception {
        String log = startLog("aes-128-gcm");
        assertTrue(!log.contains(WARNING), log);
    }
}
