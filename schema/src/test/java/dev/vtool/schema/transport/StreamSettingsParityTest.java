package dev.vtool.schema.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.V2rayBinary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The stream settings parser accepts and rejects what {@code v2ray -test} (4.34) accepts and rejects, and
 * names the same cause: settings of networks that do not carry are still checked, the {@code transport}
 * section counts only when a stream uses it and never for QUIC, a header needs its exact {@code type} key.
 */
class StreamSettingsParityTest {
    private static final String IN = "{\"port\":1080,\"listen\":\"127.0.0.1\",\"protocol\":\"socks\"";

    @TempDir
    Path dir;

    static Stream<String> configs() {
        return Stream.of(
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"network\":\"tcp\",\"kcpSettings\":{\"mtu\":2000}}}]}",
                "{\"transport\":{\"quicSettings\":{\"header\":{\"type\":\"bogus\"}}},\"inbounds\":[" + IN + "}]}",
                "{\"transport\":{\"kcpSettings\":{\"header\":{\"type\":\"bogus\"}}},\"inbounds\":[" + IN + "}]}",
                "{\"transport\":{\"kcpSettings\":{\"tti\":5}}}",
                "{\"transport\":{\"kcpSettings\":{\"tti\":5}},\"inbounds\":[" + IN + "}]}",
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"tcpSettings\":{\"header\":{}}}}]}",
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"tcpSettings\":{\"header\":{\"Type\":\"none\"}}}}]}",
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"tcpSettings\":{\"header\":{\"type\":\"HTTP\"}}}}]}",
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"security\":\"tls\",\"tlsSettings\":{\"certificates\":"
                        + "[{\"usage\":\"verify\"}]}}}]}",
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"security\":\"xtls\",\"tlsSettings\":{\"certificates\":"
                        + "[{\"usage\":\"verify\"}]}}}]}",
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"network\":\"WS\",\"wsSettings\":{\"Path\":\"/x\"}}}]}",
                "{\"inbounds\":[" + IN + ",\"streamSettings\":{\"network\":\"grpc\"}}]}",
                "{\"outbounds\":[{\"protocol\":\"freedom\",\"streamSettings\":{\"network\":\"mkcp\","
                        + "\"kcpSettings\":{\"mtu\":576,\"tti\":100,\"header\":{\"type\":\"WireGuard\"}}}}]}",
                "{\"outbounds\":[{\"protocol\":\"freedom\",\"streamSettings\":{\"network\":\"quic\","
                        + "\"quicSettings\":{\"header\":{\"type\":\"tls\"}}}}]}");
    }

    @ParameterizedTest
    @MethodSource("configs")
    void agreesWithV2ray(String json) throws Exception {
        Path file = dir.resolve("c.json");
        Files.writeString(file, json, StandardCharsets.UTF_8);
        V2rayBinary.TestRun v2ray = V2rayBinary.test(file);
        String ours = vtoolError(json);
        assertEquals(v2ray.accepted(), ours == null, "v2ray: " + v2ray.output() + "\nvtool: " + ours);
        if (ours != null) {
            String cause = ours.substring(ours.lastIndexOf("> ") + 1).strip();
            assertTrue(v2ray.output().contains(cause), "v2ray: " + v2ray.output() + "\nvtool: " + ours);
        }
    }

    /** The first error building every stream of the config, as the model builder does; null when none. */
    private static String vtoolError(String json) {
        ConfigDocument d = new ConfigReader().read(new SourceFile("c.json", json)).document();
        ConfigNode root = ConfigNode.root(d);
        List<ConfigModelException> refusals = new ArrayList<>();
        try {
            StreamSettingsParser parser = new StreamSettingsParser(root.object("transport"));
            for (String section : List.of("inbounds", "outbounds")) {
                for (ConfigNode n : root.array(section)) {
                    parser.parse(n, refusals::add);
                }
            }
            return null;
        } catch (ConfigModelException e) {
            return e.getMessage();
        }
    }
}
