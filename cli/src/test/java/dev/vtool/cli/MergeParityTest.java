package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import dev.vtool.testkit.V2rayProcesses;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * Split configs and the 4.x layout, run for real by v2ray 4.34 and by vtool on the same files: which
 * inbound ports listen, and whether a SOCKS connection through each reaches a loopback origin (freedom)
 * or dies (blackhole). Both must agree, and agree with what 4.34's Config.Override says.
 */
@org.junit.jupiter.api.Tag("interop") // starts v2ray and vtool processes; the full suite runs it, -Punit does not
class MergeParityTest {
    private static final String ORIGIN_REPLY = "origin says hi";

    @RegisterExtension
    final V2rayProcesses processes = new V2rayProcesses();

    @TempDir
    Path dir;

    private ServerSocket origin;
    private Thread originThread;

    @BeforeEach
    void startOrigin() throws IOException {
        V2rayBinary.require();
        origin = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        originThread = new Thread(() -> {
            while (!origin.isClosed()) {
                try (Socket s = origin.accept()) {
                    s.getOutputStream().write(ORIGIN_REPLY.getBytes(StandardCharsets.UTF_8));
                } catch (IOException e) {
                    // closed at the end of the test
                }
            }
        }, "merge-parity-origin");
        originThread.setDaemon(true);
        originThread.start();
    }

    @AfterEach
    void stopOrigin() throws IOException {
        origin.close();
    }

    /** What one implementation did with one inbound port. */
    record Port(boolean listens, boolean carries) {
        @Override
        public String toString() {
            return listens ? carries ? "listens, carries to freedom" : "listens, traffic dies" : "not listening";
        }
    }

    private static String socks(String tag, String port) {
        return "{\"tag\": \"" + tag + "\", \"protocol\": \"socks\", \"listen\": \"127.0.0.1\", \"port\": " + port
                + ", \"settings\": {\"auth\": \"noauth\"}}";
    }

    private static final String FREEDOM = "{\"tag\": \"direct\", \"protocol\": \"freedom\"}";
    private static final String BLOCK = "{\"tag\": \"block\", \"protocol\": \"blackhole\"}";

    /**
     * Writes the files (with {@code $P1..$P3} replaced by free ports) into a fresh directory for each
     * implementation, runs v2ray and vtool with {@code args} there, and returns each one's view of the ports.
     */
    private Map<String, Map<String, Port>> runBoth(Map<String, String> files, List<String> args) throws Exception {
        Map<String, Map<String, Port>> seen = new LinkedHashMap<>();
        for (String impl : List.of("v2ray", "vtool")) {
            Path work = Files.createDirectories(dir.resolve(impl));
            Map<String, Integer> ports = new LinkedHashMap<>();
            for (String p : List.of("$P1", "$P2", "$P3")) {
                ports.put(p, FreePort.next());
            }
            for (Map.Entry<String, String> f : files.entrySet()) {
                String text = f.getValue();
                for (Map.Entry<String, Integer> p : ports.entrySet()) {
                    text = text.replace(p.getKey(), String.valueOf(p.getValue()));
                }
                Path target = work.resolve(f.getKey());
                Files.createDirectories(target.getParent());
                Files.writeString(target, text);
            }
            Path log = dir.resolve(impl + ".log");
            Process p = impl.equals("v2ray") ? processes.start(args, work, log)
                    : processes.track(startVtool(work, log, args));
            Map<String, Port> view = probe(ports, p, log);
            seen.put(impl, view);
            p.destroy();
            p.waitFor(10, TimeUnit.SECONDS);
        }
        assertEquals(seen.get("v2ray"), seen.get("vtool"), "v2ray and vtool disagree on the merged config; logs: "
                + Files.readString(dir.resolve("vtool.log")));
        return seen;
    }

    private static Process startVtool(Path work, Path log, List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"),
                "dev.vtool.cli.Main", "run"));
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().remove("V2RAY_LOCATION_CONFDIR");
        pb.environment().remove("V2RAY_LOCATION_CONFIG");
        return pb.start();
    }

    /** Waits until the set of listening ports is non-empty and stable, then sends traffic through each. */
    private Map<String, Port> probe(Map<String, Integer> ports, Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        List<String> listening = List.of();
        while (System.nanoTime() < deadline) {
            List<String> now = new ArrayList<>();
            for (Map.Entry<String, Integer> e : ports.entrySet()) {
                if (accepts(e.getValue())) {
                    now.add(e.getKey());
                }
            }
            if (!now.isEmpty() && now.equals(listening)) {
                break;
            }
            listening = now;
            assertTrue(p.isAlive(), "exited early: " + Files.readString(log));
            Thread.sleep(400);
        }
        assertTrue(!listening.isEmpty(), "nothing listens: " + Files.readString(log));
        Map<String, Port> view = new LinkedHashMap<>();
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            boolean on = listening.contains(e.getKey());
            view.put(e.getKey(), new Port(on, on && carries(e.getValue())));
        }
        return view;
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** A SOCKS5 CONNECT to the origin through the port; true when the origin's reply comes back. */
    private boolean carries(int port) throws IOException {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            s.setSoTimeout(3000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(new byte[] {5, 1, 0});
            if (in.readNBytes(2).length < 2) {
                return false;
            }
            int o = origin.getLocalPort();
            out.write(new byte[] {5, 1, 0, 1, 127, 0, 0, 1, (byte) (o >> 8), (byte) o});
            byte[] reply = in.readNBytes(10);
            if (reply.length < 10 || reply[1] != 0) {
                return false;
            }
            byte[] data = in.readNBytes(ORIGIN_REPLY.length());
            return new String(data, StandardCharsets.UTF_8).equals(ORIGIN_REPLY);
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return false;
        }
    }

    private static Map<String, String> files(String... nameAndText) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            m.put(nameAndText[i], nameAndText[i + 1]);
        }
        return m;
    }

    private static final Port CARRIES = new Port(true, true);
    private static final Port DIES = new Port(true, false);
    private static final Port OFF = new Port(false, false);

    @Test
    void singleNewOutboundIsPrependedUnlessTheFileNameSaysTail() throws Exception {
        String base = "{\"inbounds\": [" + socks("in", "$P1") + "], \"outbounds\": [" + BLOCK + "]}";
        String extra = "{\"outbounds\": [" + FREEDOM + "]}";
        Map<String, Map<String, Port>> head = runBoth(files("base.json", base, "extra.json", extra),
                List.of("-config", "base.json", "-config", "extra.json"));
        assertEquals(CARRIES, head.get("vtool").get("$P1"), "freedom became the default outbound");
        Map<String, Map<String, Port>> tail = runBoth(files("base.json", base, "extra_tail.json", extra),
                List.of("-c", "base.json", "-c", "extra_tail.json"));
        assertEquals(DIES, tail.get("vtool").get("$P1"), "blackhole stays the default");
    }

    @Test
    void singleInboundReplacesByTagOrIsAppended() throws Exception {
        String base = "{\"inbounds\": [" + socks("in", "$P1") + "], \"outbounds\": [" + FREEDOM + "]}";
        Map<String, Map<String, Port>> replaced = runBoth(files("a.json", base,
                "b.json", "{\"inbounds\": [" + socks("in", "$P2") + "]}"), List.of("-config", "a.json", "-config", "b.json"));
        assertEquals(Map.of("$P1", OFF, "$P2", CARRIES, "$P3", OFF), replaced.get("vtool"));
        Map<String, Map<String, Port>> appended = runBoth(files("a.json", base,
                "b.json", "{\"inbounds\": [" + socks("other", "$P2") + "]}"), List.of("-config", "a.json", "-config", "b.json"));
        assertEquals(Map.of("$P1", CARRIES, "$P2", CARRIES, "$P3", OFF), appended.get("vtool"));
    }

    @Test
    void threeFilesWithSectionAndListReplacement() throws Exception {
        // a: two inbounds, blackhole default; b: replaces the outbound tagged "block" by a freedom one;
        // c: two inbounds replace the whole list, and its routing section replaces a's.
        String a = "{\"inbounds\": [" + socks("in1", "$P1") + ", " + socks("in2", "$P2") + "],"
                + " \"outbounds\": [" + BLOCK + ", " + FREEDOM + "],"
                + " \"routing\": {\"rules\": [{\"type\": \"field\", \"inboundTag\": [\"in3\"], \"outboundTag\": \"direct\"}]}}";
        String b = "{\"outbounds\": [{\"tag\": \"block\", \"protocol\": \"freedom\"}]}";
        String c = "{\"inbounds\": [" + socks("in2", "$P2") + ", " + socks("in3", "$P3") + "],"
                + " \"routing\": {\"rules\": [{\"type\": \"field\", \"inboundTag\": [\"in3\"], \"outboundTag\": \"nowhere\"}]}}";
        String c2 = c.replace("\"nowhere\"", "\"direct\"");
        Map<String, Map<String, Port>> seen = runBoth(files("a.json", a, "b.json", b, "c.json", c2),
                List.of("-config", "a.json", "-config", "b.json", "-config", "c.json"));
        assertEquals(Map.of("$P1", OFF, "$P2", CARRIES, "$P3", CARRIES), seen.get("vtool"));
        // without b, the default is blackhole again: in2 dies, in3 is routed to freedom by c's rule
        Map<String, Map<String, Port>> withoutB = runBoth(files("a.json", a, "c.json", c2),
                List.of("-config", "a.json", "-config", "c.json"));
        assertEquals(Map.of("$P1", OFF, "$P2", DIES, "$P3", CARRIES), withoutB.get("vtool"));
    }

    @Test
    void confdirIsReadInByteOrderAfterTheConfigFiles() throws Exception {
        // byte order puts 10_base.json before 9_extra.json: base first, then freedom is prepended.
        // (read 9 first, as a natural sort would, and blackhole would be prepended instead.)
        Map<String, String> conf = files(
                "conf/10_base.json", "{\"inbounds\": [" + socks("in", "$P1") + "], \"outbounds\": [" + BLOCK + "]}",
                "conf/9_extra.json", "{\"outbounds\": [" + FREEDOM + "]}",
                "conf/notes.txt", "not json at all",
                "conf/UPPER.JSON", "not json either",
                "conf/sub/00.json", "not json in a subdirectory");
        Map<String, Map<String, Port>> seen = runBoth(conf, List.of("-confdir", "conf"));
        assertEquals(CARRIES, seen.get("vtool").get("$P1"));
        // -config files come first, the confdir's after them: 10_base's single inbound and outbound replace
        // first.json's by tag, then 9_extra's freedom is prepended
        Map<String, String> withConfig = new LinkedHashMap<>(conf);
        withConfig.put("first.json", "{\"inbounds\": [" + socks("in", "$P2") + "], \"outbounds\": [" + BLOCK + "]}");
        Map<String, Map<String, Port>> both = runBoth(withConfig, List.of("-config", "first.json", "-confdir", "conf"));
        assertEquals(Map.of("$P1", CARRIES, "$P2", OFF, "$P3", OFF), both.get("vtool"));
    }

    @Test
    void legacyLayoutRunsInFourThirtyFourOrder() throws Exception {
        // 4.x: top-level port for the first inbound, "outbound" first (the default), then outboundDetour
        String old = "{\"port\": $P1,"
                + " \"inbound\": {\"protocol\": \"socks\", \"listen\": \"127.0.0.1\", \"settings\": {\"auth\": \"noauth\"}},"
                + " \"inboundDetour\": [" + socks("d", "$P2") + "],"
                + " \"outbound\": {\"protocol\": \"freedom\"},"
                + " \"outboundDetour\": [" + BLOCK + "],"
                + " \"routing\": {\"rules\": [{\"type\": \"field\", \"inboundTag\": [\"d\"], \"outboundTag\": \"block\"}]}}";
        Map<String, Map<String, Port>> seen = runBoth(files("old.json", old), List.of("-config", "old.json"));
        assertEquals(Map.of("$P1", CARRIES, "$P2", DIES, "$P3", OFF), seen.get("vtool"));
        // "outbound" goes before "outbounds": blackhole is the default although freedom is in "outbounds"
        String mixed = "{\"inbounds\": [" + socks("in", "$P1") + "], \"outbound\": {\"protocol\": \"blackhole\"},"
                + " \"outbounds\": [" + FREEDOM + "]}";
        Map<String, Map<String, Port>> mixedSeen = runBoth(files("mixed.json", mixed), List.of("-config", "mixed.json"));
        assertEquals(DIES, mixedSeen.get("vtool").get("$P1"));
    }
}
