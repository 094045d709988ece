package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.testkit.FreePort;
import dev.vtool.testkit.V2rayBinary;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What the real V2Ray 4.34 prints for broken configs ({@code v2ray -test}, and a start with the port
 * taken) is recognised by the right entry, and every line of that output is understood.
 */
class LiveV2rayConfigErrorsTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";
    private static final String OUT = "\"outbounds\":[{\"protocol\":\"freedom\",\"tag\":\"d\"}]";
    private static final String SOCKS = "\"inbounds\":[{\"port\":1080,\"protocol\":\"socks\"}]";

    @TempDir
    Path dir;

    static Stream<Arguments> brokenConfigs() {
        return Stream.of(
                Arguments.of("unknown-config-id", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"dokodemo\"}]," + OUT + "}"),
                Arguments.of("unknown-config-id", "{" + SOCKS + ",\"outbounds\":[{\"protocol\":\"direct\"}]}"),
                Arguments.of("unknown-transport", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"socks\",\"streamSettings\":"
                        + "{\"network\":\"grpc\"}}]," + OUT + "}"),
                Arguments.of("certificate-file-missing", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"vmess\",\"settings\":"
                        + "{\"clients\":[]},\"streamSettings\":{\"security\":\"tls\",\"tlsSettings\":{\"certificates\":"
                        + "[{\"certificateFile\":\"/nonexistent/v2ray.crt\",\"keyFile\":\"/nonexistent/v2ray.key\"}]}}}],"
                        + OUT + "}"),
                Arguments.of("geoip-missing", "{" + SOCKS + "," + OUT + ",\"routing\":{\"rules\":[{\"type\":\"field\","
                        + "\"ip\":[\"geoip:cn\"],\"outboundTag\":\"d\"}]}}"),
                Arguments.of("balancer-not-found", "{" + SOCKS + "," + OUT + ",\"routing\":{\"rules\":[{\"type\":\"field\","
                        + "\"port\":\"80\",\"balancerTag\":\"b\"}]}}"),
                Arguments.of("invalid-uuid", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"vmess\",\"settings\":{\"clients\":"
                        + "[{\"id\":\"hello\"}]}}]," + OUT + "}"),
                Arguments.of("config-uuid-panic", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"vmess\",\"settings\":"
                        + "{\"clients\":[{\"id\":\"b831381d-6324-4d53-ad4f-8cda48b3\"}]}}]," + OUT + "}"),
                Arguments.of("config-type-error", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"vmess\",\"settings\":"
                        + "{\"clients\":[{\"id\":\"" + ID + "\",\"alterId\":\"4\"}]}}]," + OUT + "}"),
                Arguments.of("unknown-cipher", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"shadowsocks\",\"settings\":"
                        + "{\"method\":\"rc4-md5\",\"password\":\"x\"}}]," + OUT + "}"),
                Arguments.of("config-json-syntax", "{\"inbounds\":[{\"port\":1080 \"protocol\":\"socks\"}]}"),
                Arguments.of("config-empty", ""),
                Arguments.of("config-bom", "\uFEFF{" + SOCKS + "," + OUT + "}"),
                Arguments.of("config-invalid-port", "{\"inbounds\":[{\"port\":\"abc\",\"protocol\":\"socks\"}]," + OUT + "}"),
                Arguments.of("inbound-without-port", "{\"inbounds\":[{\"protocol\":\"socks\"}]," + OUT + "}"),
                Arguments.of("log-file-unwritable", "{\"log\":{\"error\":\"/nonexistent/dir/error.log\"}," + SOCKS + ","
                        + OUT + "}"),
                Arguments.of("routing-rule-no-target", "{" + SOCKS + "," + OUT + ",\"routing\":{\"rules\":[{\"type\":"
                        + "\"field\",\"port\":\"80\"}]}}"),
                Arguments.of("routing-rule-no-type", "{" + SOCKS + "," + OUT + ",\"routing\":{\"rules\":[{\"port\":\"80\","
                        + "\"outboundTag\":\"d\"}]}}"),
                Arguments.of("vless-decryption-missing", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"vless\",\"settings\":"
                        + "{\"clients\":[{\"id\":\"" + ID + "\"}]}}]," + OUT + "}"),
                Arguments.of("duplicate-user-email", "{\"inbounds\":[{\"port\":1080,\"protocol\":\"vmess\",\"settings\":"
                        + "{\"clients\":[{\"id\":\"" + ID + "\",\"email\":\"a@b.c\"},{\"id\":\"" + ID.replace('1', '2')
                        + "\",\"email\":\"A@B.C\"}]}}]," + OUT + "}"),
                Arguments.of("routing-regexp-invalid", "{" + SOCKS + "," + OUT + ",\"routing\":{\"rules\":[{\"type\":"
                        + "\"field\",\"domain\":[\"regexp:(a\"],\"outboundTag\":\"d\"}]}}"),
                Arguments.of("dns-server-url-invalid", "{" + SOCKS + "," + OUT + ",\"dns\":{\"servers\":[\"8.8.8.8:53\"]}}"),
                Arguments.of("config-nil-pointer", "{" + SOCKS + ",\"outbounds\":[{\"protocol\":\"socks\",\"settings\":"
                        + "{\"servers\":[{\"port\":1080}]}}]}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenConfigs")
    void v2rayTestOutputIsRecognised(String expectedId, String json) throws Exception {
        Path config = dir.resolve("config.json");
        Files.writeString(config, json, StandardCharsets.UTF_8);
        V2rayBinary.TestRun run = V2rayBinary.test(config);
        if (expectedId.equals("geoip-missing")) {
            assumeTrue(run.output().contains("failed to open file: geoip.dat"), "this machine has geoip.dat installed");
        }
        assertFalse(run.accepted(), "v2ray refuses the config: " + run.output());
        DiagnosisReport r = new Diagnoser().diagnose(List.of(new SourceFile("v2ray-test.out", run.output())));
        assertNotNull(r.group(expectedId), expectedId + " not recognised in:\n" + run.output());
        List<String> errors = r.groups().stream().filter(g -> g.entry().severity() == Severity.ERROR)
                .map(g -> g.entry().id()).toList();
        assertEquals(List.of(expectedId), errors, "one error, the right one, in:\n" + run.output());
        assertEquals(0, r.unrecognised(), "every line understood:\n" + run.output());
    }

    @Test
    void portTakenByAnotherProgramIsDiagnosedAndTheInboundNamed() throws Exception {
        Path bin = V2rayBinary.require();
        try (ServerSocket other = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int port = other.getLocalPort();
            Path config = dir.resolve("config.json");
            Files.writeString(config, "{\"inbounds\":[{\"tag\":\"socks-in\",\"listen\":\"127.0.0.1\",\"port\":" + port
                    + ",\"protocol\":\"socks\"},\n{\"tag\":\"spare\",\"listen\":\"127.0.0.1\",\"port\":" + FreePort.next()
                    + ",\"protocol\":\"http\"}]," + OUT + "}");
            Process p = new ProcessBuilder(bin.toString(), "-config", config.toString()).redirectErrorStream(true)
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
            String output;
            try {
                assertTrue(p.waitFor(15, TimeUnit.SECONDS), "v2ray gives up on a taken port");
                output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            } finally {
                p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
            DiagnosisReport r = new Diagnoser().diagnose(List.of(new SourceFile("v2ray.out", output)),
                    new TailorContext(new ConfigReader().read(SourceFile.read(config)).document(), null));
            EntryGroup g = r.group("port-in-use");
            assertNotNull(g, "port in use recognised in:\n" + output);
            assertEquals(List.of(String.valueOf(port)), g.values("port"));
            String advice = String.join("\n", g.advice());
            assertTrue(advice.contains("port " + port + " belongs to the socks inbound \"socks-in\""), advice);
            assertTrue(advice.contains("another program holds it"), advice);
            assertEquals(0, r.unrecognised(), "every line understood:\n" + output);
        }
    }
}
