package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayProcesses;
import dev.vtool.testkit.WrongUuidRun;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end: a real v2ray client with a wrong UUID against a real v2ray server on loopback, then
 * `vtool diagnose SERVER_LOG --config CLIENT --server SERVER` names the entry and the differing id.
 */
class DiagnoseLiveTest {
    @TempDir
    Path dir;
    @RegisterExtension
    final V2rayProcesses processes = new V2rayProcesses();

    @Test
    void wrongUuidEndToEnd() throws Exception {
        WrongUuidRun run = WrongUuidRun.run(dir, processes);
        CliRun r = CliRun.run("diagnose", "--color=never", "--config", run.client().toString(), "--server",
                run.server().toString(), run.serverLog().toString());
        assertEquals(1, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("[vmess-invalid-user]"), r.out());
        assertTrue(r.out().contains("id differs: the client's id " + WrongUuidRun.WRONG_ID), r.out());
        assertTrue(r.out().contains(WrongUuidRun.SERVER_ID + " (inbounds[0].settings.clients[0] at " + run.server() + ":3:"),
                r.out());
    }
}
