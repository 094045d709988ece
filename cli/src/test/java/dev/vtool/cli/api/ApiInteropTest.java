package dev.vtool.cli.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vtool.cli.CliRun;
import dev.vtool.engine.Engine;
import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import dev.vtool.testkit.V2rayProcesses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The gRPC API both ways against 4.34: the real {@code v2ctl api} reads vtool's counters, {@code vtool api}
 * drives a real v2ray (StatsService, LoggerService, HandlerService users and handlers), and HandlerService
 * on vtool adds a user, an inbound and an outbound that clients then use. Counters are checked against the
 * bytes actually moved through a v2ray client → server → origin chain.
 */
@Tag("interop")
class ApiInteropTest {
    private static final String USER1 = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String USER2 = "27e2a4c0-1b5e-4b6f-9a3c-5d0e8f7a6b21";
    private static final int UP = 100_000;
    private static final int DOWN = 300_000;

    @RegisterExtension
    final V2rayProcesses processes = new V2rayProcesses();
    private Path dir;
    private CountingOrigin origin;
    private Engine engine;
    private EngineLog engineLog;

    @BeforeEach
    void setUp() throws Exception {
        dir = Files.createTempDirectory("vtool-api");
        origin = new CountingOrigin(UP, DOWN);
    }

    @AfterEach
    void tearDown() throws Exception {
        if (engine != null) {
            engine.close();
        }
        if (engineLog != null) {
            engineLog.close();
        }
        origin.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** The server side: api + stats + every counter, a vmess inbound "vm" and freedom "direct". */
    private static String serverConfig(int apiPort, int vmPort, String clients) {
        return """
                {"log": {"loglevel": "info"},
                 "stats": {},
                 "api": {"tag": "api", "services": ["HandlerService", "StatsService", "LoggerService"]},
                 "policy": {"levels": {"0": {"statsUserUplink": true, "statsUserDownlink": true}},
                            "system": {"statsInboundUplink": true, "statsInboundDownlink": true,
                                       "statsOutboundUplink": true, "statsOutboundDownlink": true}},
                 "inbounds": [
                   {"tag": "api-in", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                    "settings": {"address": "127.0.0.1"}},
                   {"tag": "vm", "listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                    "settings": {"clients": [%s]}}],
                 "outbounds": [{"tag": "direct", "protocol": "freedom", "settings": {"allowPrivate": true}}],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["api-in"], "outboundTag": "api"}]}}
                """.formatted(apiPort, vmPort, clients);
    }

    private static String client(String id, String email) {
        return "{\"id\": \"" + id + "\", \"alterId\": 0, \"email\": \"" + email + "\"}";
    }

    /** A v2ray client: socks on socksPort → vmess to the server with this id. */
    private Process startV2rayClient(int socksPort, int serverPort, String id) throws Exception {
        Path cfg = dir.resolve("client-" + socksPort + ".json");
        Files.writeString(cfg, """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"udp": false}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}}]}
                """.formatted(socksPort, serverPort, id));
        Process p = processes.start(cfg, dir.resolve("client-" + socksPort + ".log"));
        V2rayProcesses.awaitListening(socksPort, p);
        return p;
    }

    private void startVtool(String json) throws Exception {
        var read = new ConfigReader().read(new SourceFile("vtool.json", json));
        Config config = new ConfigModelBuilder().build(read.document());
        PrintStream log = new PrintStream(Files.newOutputStream(dir.resolve("vtool.log")), true, StandardCharsets.UTF_8);
        engineLog = new EngineLog(LogLevel.INFO, log, log);
        engine = Engine.start(config, engineLog);
    }

    private void startV2rayServer(String json, int port) throws Exception {
        Path cfg = dir.resolve("server.json");
        Files.writeString(cfg, json);
        V2rayProcesses.awaitListening(port, processes.start(cfg, dir.resolve("server.log")));
    }

    private static Path v2ctl() {
        Path v2ray = V2rayBinary.require();
        Path ctl = v2ray.resolveSibling("v2ctl");
        if (!Files.isExecutable(ctl)) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("v2ctl not found next to " + v2ray + " -- CI=true, so the API interop test must run");
            }
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "v2ctl not found next to " + v2ray);
        }
        return ctl;
    }

    private record Ctl(int exit, String out) {
    }

    private Ctl v2ctl(int apiPort, String method, String request) throws Exception {
        Process p = new ProcessBuilder(v2ctl().toString(), "api", "--server=127.0.0.1:" + apiPort, method, request)
                .redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readNBytes(1 << 20), StandardCharsets.UTF_8);
        if (!p.waitFor(15, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("v2ctl did not finish");
        }
        return new Ctl(p.exitValue(), out);
    }

    private static final Pattern STAT = Pattern.compile("name: \"([^\"]*)\"(?:\\s*value: (\\d+))?");

    /** Counters from v2ctl/vtool api text output (a value line is left out when zero). */
    private static Map<String, Long> counters(String text) {
        Map<String, Long> out = new HashMap<>();
        Matcher m = STAT.matcher(text);
        while (m.find()) {
            out.put(m.group(1), m.group(2) == null ? 0 : Long.parseLong(m.group(2)));
        }
        return out;
    }

    private static CliRun vtoolApi(int apiPort, String... args) {
        // a generous deadline: the first call loads gRPC and dials through the API inbound on a loaded machine
        List<String> all = new ArrayList<>(List.of("api", "--server=127.0.0.1:" + apiPort, "--timeout", "20"));
        all.addAll(List.of(args));
        return CliRun.run(all.toArray(String[]::new));
    }

    private static void assertMoved(int socksPort, int originPort) throws IOException {
        assertEquals(DOWN, Socks5Exchange.run(socksPort, originPort, UP), "bytes back through the chain");
    }

    /** Traffic counters the same on both servers: user and outbound count payload exactly, inbound adds VMess. */
    private static void assertTrafficCounters(Map<String, Long> c, String email) {
        assertEquals(UP, c.get("user>>>" + email + ">>>traffic>>>uplink"), c.toString());
        assertEquals(DOWN, c.get("user>>>" + email + ">>>traffic>>>downlink"), c.toString());
        assertEquals(UP, c.get("outbound>>>direct>>>traffic>>>uplink"), c.toString());
        assertEquals(DOWN, c.get("outbound>>>direct>>>traffic>>>downlink"), c.toString());
        long in = c.get("inbound>>>vm>>>traffic>>>uplink");
        long out = c.get("inbound>>>vm>>>traffic>>>downlink");
        // VMess adds its header and per chunk a length, a tag and (AEAD clients) up to 64 bytes of padding
        assertTrue(in > UP && in < UP * 1.1 + 1024, "vmess inbound uplink " + in);
        assertTrue(out > DOWN && out < DOWN * 1.1 + 1024, "vmess inbound downlink " + out);
    }

    /** Counters are final once the origin's side closed; the relay may still be flushing the last bytes. */
    private static Map<String, Long> settled(java.util.function.Supplier<Map<String, Long>> read, String key, long want)
            throws InterruptedException {
        Map<String, Long> c = read.get();
        for (int i = 0; i < 50 && !Long.valueOf(want).equals(c.get(key)); i++) {
            Thread.sleep(100);
            c = read.get();
        }
        return c;
    }

    @Test
    void v2ctlReadsVtoolCountersOfBytesMovedThroughAV2rayClient() throws Exception {
        Path ctl = v2ctl();
        int apiPort = FreePort.next();
        int vmPort = FreePort.next();
        int socksPort = FreePort.next();
        startVtool(serverConfig(apiPort, vmPort, client(USER1, "love@example.com")));
        startV2rayClient(socksPort, vmPort, USER1);
        assertMoved(socksPort, origin.port());

        Map<String, Long> c = settled(() -> {
            try {
                Ctl r = v2ctl(apiPort, "StatsService.QueryStats", "pattern: \"\" reset: false");
                assertEquals(0, r.exit(), r.out());
                return counters(r.out());
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, "user>>>love@example.com>>>traffic>>>downlink", DOWN);
        assertTrafficCounters(c, "love@example.com");
        assertTrue(c.get("inbound>>>api-in>>>traffic>>>uplink") > 0, "the API's own inbound is counted too: " + c);

        // a pattern selects by substring, reset hands back the value and zeroes it
        Ctl up = v2ctl(apiPort, "StatsService.QueryStats", "pattern: \"user>>>\" reset: true");
        assertEquals(Map.of("user>>>love@example.com>>>traffic>>>uplink", (long) UP,
                "user>>>love@example.com>>>traffic>>>downlink", (long) DOWN), counters(up.out()));
        Ctl get = v2ctl(apiPort, "StatsService.GetStats", "name: \"user>>>love@example.com>>>traffic>>>uplink\"");
        assertEquals(0, get.exit(), get.out());
        assertEquals(Map.of("user>>>love@example.com>>>traffic>>>uplink", 0L), counters(get.out()));
        Ctl missing = v2ctl(apiPort, "StatsService.GetStats", "name: \"nope\"");
        assertNotEquals(0, missing.exit());
        assertTrue(missing.out().contains("code = Unknown desc = v2ray.com/core/app/stats/command: nope not found."),
                missing.out());
        Ctl sys = v2ctl(apiPort, "StatsService.GetSysStats", "");
        assertEquals(0, sys.exit(), sys.out());
        assertTrue(sys.out().contains("NumGoroutine: ") && sys.out().contains("Alloc: "), sys.out());
        Ctl restart = v2ctl(apiPort, "LoggerService.RestartLogger", "");
        assertEquals(0, restart.exit(), restart.out());
        assertTrue(ctl.toString().endsWith("v2ctl"));
    }

    @Test
    void vtoolApiDrivesV2ray() throws Exception {
        int apiPort = FreePort.next();
        int vmPort = FreePort.next();
        int socksPort = FreePort.next();
        startV2rayServer(serverConfig(apiPort, vmPort, client(USER1, "love@example.com")), vmPort);
        V2rayProcesses.awaitListening(apiPort);
        startV2rayClient(socksPort, vmPort, USER2);
        // the second user is unknown to the server: nothing comes back
        assertEquals(0, Socks5Exchange.run(socksPort, origin.port(), UP));

        CliRun add = vtoolApi(apiPort, "adduser", "--tag", "vm", "--email", "new@example.com", "--id", USER2);
        assertEquals(0, add.exitCode(), add.err());
        assertEquals("added user new@example.com to inbound vm\n", add.out());
        CliRun again = vtoolApi(apiPort, "adduser", "--tag", "vm", "--email", "new@example.com", "--id", USER2);
        assertEquals(1, again.exitCode());
        assertTrue(again.err().contains("User new@example.com already exists."), again.err());
        assertMoved(socksPort, origin.port());

        Map<String, Long> c = settled(() -> counters(vtoolApi(apiPort, "statsquery", "pattern: \"\"").out()),
                "user>>>new@example.com>>>traffic>>>downlink", DOWN);
        assertTrafficCounters(c, "new@example.com");
        CliRun get = vtoolApi(apiPort, "statsget", "--reset", "user>>>new@example.com>>>traffic>>>uplink");
        assertEquals(0, get.exitCode(), get.err());
        assertEquals("stat: <\n  name: \"user>>>new@example.com>>>traffic>>>uplink\"\n  value: " + UP + "\n>\n\n",
                get.out());
        assertEquals(Map.of("user>>>new@example.com>>>traffic>>>uplink", 0L),
                counters(vtoolApi(apiPort, "StatsService.GetStats",
                        "name: \"user>>>new@example.com>>>traffic>>>uplink\" reset: false").out()));
        CliRun sys = vtoolApi(apiPort, "sysstats");
        assertEquals(0, sys.exitCode(), sys.err());
        assertTrue(sys.out().contains("NumGoroutine: "), sys.out());
        assertEquals(0, vtoolApi(apiPort, "restartlogger").exitCode());

        CliRun rm = vtoolApi(apiPort, "rmuser", "--tag", "vm", "--email", "new@example.com");
        assertEquals(0, rm.exitCode(), rm.err());
        assertEquals(0, Socks5Exchange.run(socksPort, origin.port(), UP), "the removed user gets nothing");

        CliRun rmIn = vtoolApi(apiPort, "rminbound", "vm");
        assertEquals(0, rmIn.exitCode(), rmIn.err());
        assertThrows(IOException.class, () -> new java.net.Socket("127.0.0.1", vmPort).close(),
                "the removed inbound no longer listens");
        CliRun addIn = vtoolApi(apiPort, "addinbound", "{\"tag\": \"x\", \"port\": 1, \"protocol\": \"socks\"}");
        assertEquals(1, addIn.exitCode(), "v2ray cannot read vtool's JSON handler form: " + addIn.err());
        assertTrue(addIn.err().contains("Unknown type: vtool.api.InboundJson"), addIn.err());
        assertEquals(0, vtoolApi(apiPort, "sysstats").exitCode(), "v2ray refused it cleanly and still runs");
    }

    @Test
    void vlessUserAddedAtRunTimeCarriesAV2rayClient() throws Exception {
        int apiPort = FreePort.next();
        int vlPort = FreePort.next();
        int socksPort = FreePort.next();
        startVtool(serverConfig(apiPort, FreePort.next(), client(USER1, "love@example.com")).replace("\"inbounds\": [", """
                "inbounds": [{"tag": "vl", "listen": "127.0.0.1", "port": %d, "protocol": "vless",
                              "settings": {"decryption": "none", "clients": []}},""".formatted(vlPort)));
        Path cfg = dir.resolve("vless-client.json");
        Files.writeString(cfg, """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [{"protocol": "vless", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "encryption": "none"}]}]}}]}
                """.formatted(socksPort, vlPort, USER2));
        V2rayProcesses.awaitListening(socksPort, processes.start(cfg, dir.resolve("vless-client.log")));
        assertEquals(0, Socks5Exchange.run(socksPort, origin.port(), UP), "unknown user first");
        CliRun add = vtoolApi(apiPort, "adduser", "--protocol", "vless", "--tag", "vl", "--email", "v@x", "--id", USER2);
        assertEquals(0, add.exitCode(), add.err());
        assertMoved(socksPort, origin.port());
        Map<String, Long> c = settled(() -> counters(vtoolApi(apiPort, "statsquery", "v@x").out()),
                "user>>>v@x>>>traffic>>>downlink", DOWN);
        assertEquals(UP, c.get("user>>>v@x>>>traffic>>>uplink"), c.toString());
        assertEquals(0, vtoolApi(apiPort, "rmuser", "--tag", "vl", "--email", "V@X").exitCode());
        assertEquals(0, Socks5Exchange.run(socksPort, origin.port(), UP), "removed again");
        CliRun trojan = vtoolApi(apiPort, "adduser", "--protocol", "trojan", "--tag", "vl", "--email", "t@x",
                "--password", "pw");
        assertEquals(1, trojan.exitCode());
        assertTrue(trojan.err().contains("the vless inbound takes only vless accounts"), trojan.err());
    }

    @Test
    void handlerServiceOnVtoolAddsAUserAnInboundAndAnOutboundThatClientsUse() throws Exception {
        int apiPort = FreePort.next();
        int vmPort = FreePort.next();
        int socksPort = FreePort.next();
        startVtool(serverConfig(apiPort, vmPort, client(USER1, "love@example.com")));
        startV2rayClient(socksPort, vmPort, USER2);
        assertEquals(0, Socks5Exchange.run(socksPort, origin.port(), UP), "unknown user first");

        CliRun add = vtoolApi(apiPort, "adduser", "--tag", "vm", "--email", "New@example.com", "--id", USER2);
        assertEquals(0, add.exitCode(), add.err());
        assertMoved(socksPort, origin.port());
        Map<String, Long> c = settled(() -> counters(vtoolApi(apiPort, "statsquery", "New@").out()),
                "user>>>New@example.com>>>traffic>>>downlink", DOWN);
        assertEquals(UP, c.get("user>>>New@example.com>>>traffic>>>uplink"), c.toString());

        CliRun dup = vtoolApi(apiPort, "adduser", "--tag", "vm", "--email", "new@EXAMPLE.com", "--id", USER2);
        assertEquals(1, dup.exitCode());
        assertTrue(dup.err().contains("User new@EXAMPLE.com already exists."), dup.err());
        CliRun noInbound = vtoolApi(apiPort, "adduser", "--tag", "nope", "--email", "a@b", "--id", USER2);
        assertEquals(1, noInbound.exitCode());
        assertTrue(noInbound.err().contains("failed to get handler: nope"), noInbound.err());
        CliRun rm = vtoolApi(apiPort, "rmuser", "--tag", "vm", "--email", "new@example.com");
        assertEquals(0, rm.exitCode(), rm.err());
        assertEquals(0, Socks5Exchange.run(socksPort, origin.port(), UP), "removed again");

        // a socks inbound added at run time carries traffic; removed, it stops listening
        int added = FreePort.next();
        Path inbound = dir.resolve("inbound.json");
        Files.writeString(inbound, "{\"inbounds\": [{\"tag\": \"s2\", \"listen\": \"127.0.0.1\", \"port\": " + added
                + ", \"protocol\": \"socks\"}]}");
        CliRun addIn = vtoolApi(apiPort, "addinbound", inbound.toString());
        assertEquals(0, addIn.exitCode(), addIn.err());
        assertMoved(added, origin.port());
        CliRun taken = vtoolApi(apiPort, "addinbound", inbound.toString());
        assertEquals(1, taken.exitCode());
        assertTrue(taken.err().contains("existing tag found: s2"), taken.err());
        assertEquals(0, vtoolApi(apiPort, "rminbound", "s2").exitCode());
        assertThrows(IOException.class, () -> new java.net.Socket("127.0.0.1", added).close());

        // without its only outbound nothing is carried; an outbound added then is the default again
        int s3 = FreePort.next();
        assertEquals(0, vtoolApi(apiPort, "addinbound", "{\"tag\": \"s3\", \"listen\": \"127.0.0.1\", \"port\": "
                + s3 + ", \"protocol\": \"socks\"}").exitCode());
        assertEquals(0, vtoolApi(apiPort, "rmoutbound", "direct").exitCode());
        assertEquals(0, Socks5Exchange.run(s3, origin.port(), UP));
        CliRun addOut = vtoolApi(apiPort, "addoutbound",
                "{\"tag\": \"direct2\", \"protocol\": \"freedom\"}");
        assertEquals(0, addOut.exitCode(), addOut.err());
        assertMoved(s3, origin.port());
        CliRun bad = vtoolApi(apiPort, "addoutbound", "{\"tag\": \"x\", \"protocol\": \"vmss\"}");
        assertEquals(1, bad.exitCode());
        assertTrue(bad.err().contains("unknown config id: vmss"), bad.err());
        CliRun unreachable = CliRun.run("api", "--server=127.0.0.1:" + FreePort.next(), "--timeout", "2", "sysstats");
        assertEquals(2, unreachable.exitCode(), unreachable.err());
        assertTrue(unreachable.err().contains("UNAVAILABLE"), unreachable.err());
    }

    /**
     * AddInbound in 4.34's own protobuf form, as grpcurl or a panel sends it (InboundHandlerConfig with a
     * ReceiverConfig and a vmess.inbound.Config, TypedMessage type names as 4.34 writes them, fields written
     * one by one as protoc's code writes them): the very same bytes go to vtool and to a real v2ray, and one
     * v2ray client carries traffic through the inbound each added; a freedom outbound added the same way
     * replaces the removed default and carries it too; then RemoveInbound closes both.
     */
    @Test
    void protobufAddInboundAsGrpcurlSendsItCarriesAV2rayClient() throws Exception {
        int vApi = FreePort.next();
        int rApi = FreePort.next();
        int vAdded = FreePort.next();
        int rAdded = FreePort.next();
        int vSocks = FreePort.next();
        int rSocks = FreePort.next();
        startVtool(serverConfig(vApi, FreePort.next(), client(USER1, "love@example.com")));
        int rVm = FreePort.next();
        startV2rayServer(serverConfig(rApi, rVm, client(USER1, "love@example.com")), rVm);
        V2rayProcesses.awaitListening(rApi);
        Path cfg = dir.resolve("two-clients.json");
        Files.writeString(cfg, """
                {"inbounds": [{"tag": "to-vtool", "listen": "127.0.0.1", "port": %d, "protocol": "socks"},
                              {"tag": "to-v2ray", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [%s, %s],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["to-vtool"], "outboundTag": "vtool"},
                                       {"type": "field", "inboundTag": ["to-v2ray"], "outboundTag": "v2ray"}]}}
                """.formatted(vSocks, rSocks, vmessOut("vtool", vAdded), vmessOut("v2ray", rAdded)));
        V2rayProcesses.awaitListening(rSocks, processes.start(cfg, dir.resolve("two-clients.log")));

        for (int[] side : new int[][] {{vApi, vAdded, vSocks}, {rApi, rAdded, rSocks}}) {
            String who = side[0] == vApi ? "vtool" : "v2ray";
            grpc(side[0], "AddInbound", addVmessInbound("pb-in", side[1], USER2, "pb@example.com"));
            assertEquals(DOWN, Socks5Exchange.run(side[2], origin.port(), UP), "through the inbound added on " + who);
            Map<String, Long> c = settled(() -> counters(vtoolApi(side[0], "statsquery", "pb@").out()),
                    "user>>>pb@example.com>>>traffic>>>downlink", DOWN);
            assertEquals(UP, c.get("user>>>pb@example.com>>>traffic>>>uplink"), who + ": " + c);
            // the only outbound replaced by a freedom outbound in 4.34's form: the new default carries it (its
            // redirect is the operator's choice, so vtool lets a remote client reach the loopback origin)
            grpc(side[0], "RemoveOutbound", new dev.vtool.engine.api.ProtoWriter().string(1, "direct").toByteArray());
            grpc(side[0], "AddOutbound", addFreedomOutbound("pb-out", origin.port()));
            assertEquals(DOWN, Socks5Exchange.run(side[2], origin.port(), UP), "through the outbound added on " + who);
            Map<String, Long> out = settled(() -> counters(vtoolApi(side[0], "statsquery", "pb-out").out()),
                    "outbound>>>pb-out>>>traffic>>>downlink", DOWN);
            assertEquals(UP, out.get("outbound>>>pb-out>>>traffic>>>uplink"), who + ": " + out);
            grpc(side[0], "RemoveInbound", new dev.vtool.engine.api.ProtoWriter().string(1, "pb-in").toByteArray());
            int port = side[1];
            assertThrows(IOException.class, () -> new java.net.Socket("127.0.0.1", port).close(),
                    "the inbound removed on " + who + " no longer listens");
        }
    }

    private static String vmessOut(String tag, int port) {
        return """
                {"tag": "%s", "protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                  "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}}""".formatted(tag, port, USER2);
    }

    /** AddInboundRequest{inbound = InboundHandlerConfig{tag, ReceiverConfig, vmess.inbound.Config}}, field by field. */
    private static byte[] addVmessInbound(String tag, int port, String id, String email) {
        var account = new dev.vtool.engine.api.ProtoWriter().string(1, id).toByteArray(); // vmess.Account{id}
        var user = new dev.vtool.engine.api.ProtoWriter().string(2, email)
                .bytes(3, typed("v2ray.core.proxy.vmess.Account", account)).toByteArray();
        var vmess = new dev.vtool.engine.api.ProtoWriter().bytes(1, user).toByteArray();
        var receiver = new dev.vtool.engine.api.ProtoWriter()
                .bytes(1, new dev.vtool.engine.api.ProtoWriter().varint(1, port).varint(2, port).toByteArray())
                .bytes(2, new dev.vtool.engine.api.ProtoWriter().bytes(1, new byte[] {127, 0, 0, 1}).toByteArray())
                .toByteArray();
        var handler = new dev.vtool.engine.api.ProtoWriter().string(1, tag)
                .bytes(2, typed("v2ray.core.app.proxyman.ReceiverConfig", receiver))
                .bytes(3, typed("v2ray.core.proxy.vmess.inbound.Config", vmess)).toByteArray();
        return new dev.vtool.engine.api.ProtoWriter().bytes(1, handler).toByteArray();
    }

    /**
     * AddOutboundRequest{outbound = OutboundHandlerConfig{tag, SenderConfig (empty), freedom.Config{
     * destination_override = {server = ServerEndpoint{127.0.0.1, port}}}}}.
     */
    private static byte[] addFreedomOutbound(String tag, int port) {
        var server = new dev.vtool.engine.api.ProtoWriter()
                .bytes(1, new dev.vtool.engine.api.ProtoWriter().bytes(1, new byte[] {127, 0, 0, 1}).toByteArray())
                .varint(2, port).toByteArray();
        var freedom = new dev.vtool.engine.api.ProtoWriter()
                .bytes(3, new dev.vtool.engine.api.ProtoWriter().bytes(1, server).toByteArray()).toByteArray();
        var handler = new dev.vtool.engine.api.ProtoWriter().string(1, tag)
                .bytes(2, typed("v2ray.core.app.proxyman.SenderConfig", new byte[0]))
                .bytes(3, typed("v2ray.core.proxy.freedom.Config", freedom)).toByteArray();
        return new dev.vtool.engine.api.ProtoWriter().bytes(1, handler).toByteArray();
    }

    private static byte[] typed(String type, byte[] value) {
        return new dev.vtool.engine.api.ProtoWriter().string(1, type).bytes(2, value).toByteArray();
    }

    /** One HandlerService call, as grpcurl makes it; a refusal fails the test with the server's words. */
    private static void grpc(int apiPort, String method, byte[] request) throws InterruptedException {
        io.grpc.ManagedChannel ch = io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder
                .forAddress("127.0.0.1", apiPort).usePlaintext().build();
        try {
            io.grpc.stub.ClientCalls.blockingUnaryCall(ch, dev.vtool.engine.api.ApiMethods.unary(
                    dev.vtool.engine.api.ApiMethods.HANDLER, method),
                    io.grpc.CallOptions.DEFAULT.withDeadlineAfter(20, TimeUnit.SECONDS), request);
        } finally {
            ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }
}
