package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The launcher's class-data-sharing archive holds what its training run loaded: the training must keep
 * covering every command, `run -test` of the seed server config and a request carried through a VMess
 * chain (socks → vmess → vmess → freedom), or start-up would quietly slow down again.
 */
class ArchiveTrainingTest {
    @Test
    @Timeout(120)
    void theTrainingRunCarriesARequestThroughTheVmessChain() throws Exception {
        Path seed = V2rayBinary.repoRoot().resolve("testdata/seed");
        assertTrue(ArchiveTraining.train(seed), "run -test accepted the seed server and the echo came back");
    }
}
