package dev.vtool.cli;

import java.nio.file.Path;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** `vtool pair` against real v2ray processes for VMess pairs: ids, alterId, transports, TLS (see LoopbackPair). */
class PairInteropTest {
    @RegisterExtension
    static final LoopbackPair.Target TARGET = new LoopbackPair.Target();

    @ParameterizedTest
    @ValueSource(strings = {"seed", "aead", "uuid-spelling", "uuid-mismatch", "alterid-server-zero", "ws-path",
            "network-alias", "ws-tls-ok", "tls-one-side", "tls-name", "h2-host", "kcp-seed", "kcp-ok", "ws-query"})
    void pairVerdictMatchesARealConnection(String name, @TempDir Path dir) throws Exception {
        LoopbackPair.assertVerdictMatchesReality(name, dir, TARGET.port());
    }
}
