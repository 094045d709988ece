package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import dev.vtool.testkit.V2rayProcesses;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What `vtool init` writes runs for real: v2ray server and client started on the generated files
 * (loopback ports chosen by flags) carry a request; so does a client imported from the printed link.
 */
class InitInteropTest {

    @Test
    void generatedPairAndImportedLinkCarryTraffic(@TempDir Path dir) throws Exception {
        V2rayBinary.require();
        int serverPort = FreePort.next();
        int socksPort = FreePort.next();
        int importedSocksPort = FreePort.next();
        CliRun init = CliRun.run("init", "--yes", "--server-address", "127.0.0.1", "--port", Integer.toString(serverPort),
                "--socks-port", Integer.toString(socksPort), "--http-port", "0", "-o", dir.toString());
        assertEquals(0, init.exitCode(), init.err());
        Matcher link = Pattern.compile("vmess://\\S+").matcher(init.out());
        assertTrue(link.find(), init.out());
        Path imported = dir.resolve("imported.json");
        CliRun imp = CliRun.run("link", "--import", link.group(), "--socks-port", Integer.toString(importedSocksPort),
                "--http-port", "0", "-o", imported.toString());
        assertEquals(0, imp.exitCode(), imp.err());

        HttpServer http = LoopbackPair.startTarget();
        try (V2rayProcesses processes = new V2rayProcesses()) {
            processes.start(dir.resolve("server.json"), dir.resolve("server.log"));
            processes.start(dir.resolve("client.json"), dir.resolve("client.log"));
            processes.start(imported, dir.resolve("imported.log"));
            V2rayProcesses.awaitListening(serverPort);
            V2rayProcesses.awaitListening(socksPort);
            V2rayProcesses.awaitListening(importedSocksPort);
            int target = http.getAddress().getPort();
            assertTrue(fetch(socksPort, target), "the generated client reaches the generated server");
            assertTrue(fetch(importedSocksPort, target), "the client imported from the link reaches it too");
        } finally {
            http.stop(0);
        }
    }

    /** One retry: v2ray may accept the SOCKS connection a moment before its outbound is ready. */
    private static boolean fetch(int socksPort, int target) throws Exception {
        return LoopbackPair.fetchThroughSocks(socksPort, target) || LoopbackPair.fetchThroughSocks(socksPort, target);
    }
}
