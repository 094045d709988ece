package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayProcesses;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Routing rules' {@code attrs} over the HTTP inbound's request attributes: the same config and requests
 * through vtool and the real v2ray 4.34 end at the same outbound (the origin's page, or blackhole's 403).
 */
@ExtendWith(LeakCheck.class)
class AttrsRoutingTest {
    @RegisterExtension
    final V2rayProcesses v2ray = new V2rayProcesses();

    @TempDir
    Path tmp;

    private static String config(int port) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "http"}],
                 "routing": {"rules": [{"type": "field", "outboundTag": "drop",
                   "attrs": "attrs[':path'].startswith('/echo') or 'x-block' in attrs and attrs[':method'] == 'GET'"}]},
                 "outbounds": [{"protocol": "freedom"},
                               {"tag": "drop", "protocol": "blackhole", "settings": {"response": {"type": "http"}}}]}
                """.formatted(port);
    }

    /** Status code per request: a plain GET, a path the rule drops, a header it drops, and a CONNECT (no attributes). */
    private static List<String> requests(int proxy, TestOrigin origin) throws Exception {
        String base = "http://127.0.0.1:" + origin.httpPort();
        List<String> out = new ArrayList<>();
        for (List<String> args : List.of(List.of(base + "/hello"), List.of(base + "/echo"),
                List.of("-H", "X-Block: 1", base + "/hello"), List.of("-X", "HEAD", "-I", "-H", "X-Block: 1", base + "/hello"),
                List.of("-p", "-H", "X-Block: 1", base + "/hello"))) {
            List<String> cmd = new ArrayList<>(List.of("-o", "/dev/null", "-w", "%{http_code}", "-x", "http://127.0.0.1:" + proxy));
            cmd.addAll(args);
            out.add(String.join(" ", args) + " -> " + Curl.run(cmd.toArray(String[]::new)).out());
        }
        return out;
    }

    @Test
    void attrsRouteLikeV2ray() throws Exception {
        try (TestOrigin origin = new TestOrigin()) {
            int port = FreePort.next();
            List<String> vtool;
            try (EngineHarness h = new EngineHarness(config(port), LogLevel.WARNING)) {
                vtool = requests(port, origin);
            }
            String base = "http://127.0.0.1:" + origin.httpPort();
            assertEquals(List.of(base + "/hello -> 200", base + "/echo -> 403", "-H X-Block: 1 " + base + "/hello -> 403",
                    "-X HEAD -I -H X-Block: 1 " + base + "/hello -> 200",
                    "-p -H X-Block: 1 " + base + "/hello -> 200"), vtool);
            int v2Port = FreePort.next();
            Path cfg = tmp.resolve("v2ray.json");
            Files.writeString(cfg, config(v2Port));
            Process p = v2ray.start(cfg, tmp.resolve("v2ray.log"));
            V2rayProcesses.awaitListening(v2Port, p);
            assertEquals(vtool, requests(v2Port, origin));
        }
    }
}
