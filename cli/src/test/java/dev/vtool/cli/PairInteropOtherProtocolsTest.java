package dev.vtool.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `vtool pair` against real v2ray processes for Shadowsocks, SOCKS, HTTP, Trojan and VLESS pairs (see LoopbackPair). */
class PairInteropOtherProtocolsTest {
    private static HttpServer http;

    @BeforeAll
    static void startTarget() throws IOException {
        http = LoopbackPair.startTarget();
    }

    @AfterAll
    static void stopTarget() {
        if (http != null) {
            http.stop(0);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ss-method", "ss-alias", "ss-password", "socks-auth", "socks-auth-ok", "socks-auth-case",
            "http-auth", "trojan-password", "vless-id", "vless-ok", "tcp-http-path", "security-none"})
    void pairVerdictMatchesARealConnection(String name, @TempDir Path dir) throws Exception {
        LoopbackPair.assertVerdictMatchesReality(name, dir, http.getAddress().getPort());
    }
}
