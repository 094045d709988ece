package dev.vtool.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `vtool pair` against real v2ray processes for Shadowsocks, SOCKS, HTTP, Trojan and VLESS pairs (see LoopbackPair). */
class PairInteropOtherProtocolsTest {
    @RegisterExtension
    static final LoopbackPair.Target TARGET = new LoopbackPair.Target();

    @ParameterizedTest
    @ValueSource(strings = {"ss-method", "ss-alias", "ss-password", "socks-auth", "socks-auth-ok", "socks-auth-case",
            "http-auth", "trojan-password", "vless-id", "vless-ok", "tcp-http-path", "security-none"})
    void pairVerdictMatchesARealConnection(String name, @TempDir Path dir) throws Exception {
        LoopbackPair.assertVerdictMatchesReality(name, dir, TARGET.port());
    }
}
