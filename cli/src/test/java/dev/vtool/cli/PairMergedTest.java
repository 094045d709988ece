package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `pair` on split configs: the client and the server are each merged V2Ray style before checking. */
class PairMergedTest {
    private static final Path AEAD = V2rayBinary.repoRoot().resolve("testdata/pairs/aead");

    @TempDir
    Path dir;

    private static final String SERVER_IN = """
            {"inbounds": [{"port": 16823, "protocol": "vmess",
              "settings": {"clients": [{"id": "b831381d-6324-4d53-ad4f-8cda48b30811", "alterId": 0}]}}]}
            """;

    @Test
    void splitServerAndClientPairUp() throws Exception {
        Files.createDirectories(dir.resolve("server.d"));
        Files.writeString(dir.resolve("server.d/00_in.json"), SERVER_IN);
        Files.writeString(dir.resolve("server.d/10_out.json"), "{\"outbounds\": [{\"protocol\": \"freedom\"}]}");
        CliRun r = CliRun.run("pair", "--server-confdir", dir.resolve("server.d").toString(),
                AEAD.resolve("client.json").toString());
        assertEquals(0, r.exitCode(), r.out() + r.err());
        assertTrue(r.out().contains("OK: "), r.out());
        // a later server file with one inbound of the same (empty) tag replaces it: the id no longer matches
        Files.writeString(dir.resolve("server.d/20_other.json"), SERVER_IN.replace("b831381d", "c831381d"));
        CliRun replaced = CliRun.run("pair", "--server-confdir", dir.resolve("server.d").toString(),
                AEAD.resolve("client.json").toString());
        assertEquals(1, replaced.exitCode(), replaced.out());
        assertTrue(replaced.out().contains("20_other.json:"), "the finding points at the file the inbound came from: "
                + replaced.out());
        // the client side merges with -config too
        Path base = dir.resolve("client-base.json");
        Files.writeString(base, "{\"inbounds\": [{\"port\": 1080, \"listen\": \"127.0.0.1\", \"protocol\": \"socks\"}]}");
        CliRun client = CliRun.run("pair", "-config", base.toString(), "-config", AEAD.resolve("client.json").toString(),
                "--server", AEAD.resolve("server.json").toString());
        assertEquals(0, client.exitCode(), client.out() + client.err());
    }
}
