package dev.vtool.cli;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `vtool pair` against real v2ray processes for VMess pairs: ids, alterId, transports, TLS (see LoopbackPair). */
class PairInteropTest {
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
    @ValueSource(strings = {"seed", "aead", "uuid-spelling", "uuid-mismatch", "alterid-server-zero", "ws-path",
            "network-alias", "ws-tls-ok", "tls-one-side", "tls-name", "h2-host", "kcp-seed", "kcp-ok", "ws-query"})
    void pairVerdictMatchesARealConnection(String name, @TempDir Path dir) throws Exception {
        LoopbackPair.assertVerdictMatchesReality(name, dir, http.getAddress().getPort());
    }
}
