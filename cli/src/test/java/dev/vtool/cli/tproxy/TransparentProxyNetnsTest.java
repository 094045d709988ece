package dev.vtool.cli.tproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.testkit.V2rayBinary;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code sockopt.tproxy} and dokodemo-door's {@code followRedirect} as iptables uses them, in a network
 * namespace of the test's own (loopback only): a client connects to 198.51.100.7 (an address that exists
 * nowhere), iptables hands the connection to a dokodemo-door inbound (nat REDIRECT, or mangle TPROXY with
 * the usual fwmark rule and local route), and routing sends only that original destination to an echo
 * server (everything else to blackhole). So an echo proves that the inbound learnt the destination from
 * the kernel. UDP under TPROXY also checks that the answer comes from 198.51.100.7:53 (the transparent
 * reply socket). The same config and client run against v2ray 4.34, which must behave the same.
 */
@Tag("slow")
class TransparentProxyNetnsTest {
    private static final int INBOUND = 12345;
    private static final int TCP_ECHO = 7007;
    private static final int UDP_ECHO = 7009;

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"redirect", "tproxy"})
    void followRedirectFindsTheOriginalDestinationLikeV2ray(String mode) throws Exception {
        try (Netns ns = Netns.create()) {
            // the nowhere-address is reached over lo, from 127.0.0.1 (without src the kernel picks 0.0.0.0)
            ns.run("ip", "route", "add", "198.51.100.0/24", "dev", "lo", "src", "127.0.0.1");
            List<String> checks = new ArrayList<>(List.of("tcp:198.51.100.7:80"));
            if (mode.equals("redirect")) {
                ns.run("iptables", "-t", "nat", "-A", "OUTPUT", "-p", "tcp", "-d", "198.51.100.0/24",
                        "-j", "REDIRECT", "--to-ports", Integer.toString(INBOUND));
            } else {
                ns.run("ip", "rule", "add", "fwmark", "1", "lookup", "100");
                ns.run("ip", "route", "add", "local", "0.0.0.0/0", "dev", "lo", "table", "100");
                for (String proto : List.of("tcp", "udp")) {
                    ns.run("iptables", "-t", "mangle", "-A", "OUTPUT", "-p", proto, "-d", "198.51.100.0/24",
                            "-j", "MARK", "--set-mark", "1");
                    ns.run("iptables", "-t", "mangle", "-A", "PREROUTING", "-p", proto, "-d", "198.51.100.0/24",
                            "-j", "TPROXY", "--on-ip", "127.0.0.1", "--on-port", Integer.toString(INBOUND),
                            "--tproxy-mark", "1");
                }
                checks.add("udp:198.51.100.7:53");
            }
            Path config = dir.resolve(mode + ".json");
            // "off" with followRedirect is 4.34's redirect mode: the default is proven along the way
            Files.writeString(config, config(mode.equals("redirect") ? "off" : "tproxy"));

            String vtool = probeThrough(ns, mode + "-vtool", vtoolCommand(config), checks);
            Path vtoolLog = dir.resolve(mode + "-vtool.log");
            assertTrue(Files.readString(vtoolLog).contains("accepted tcp:198.51.100.7:80"),
                    "vtool's access log names the original destination:\n" + Files.readString(vtoolLog));

            Path v2ray = V2rayBinary.require();
            String reference = probeThrough(ns, mode + "-v2ray",
                    List.of(v2ray.toString(), "-config", config.toString()), checks);
            assertEquals(strip(reference), strip(vtool), "vtool and v2ray 4.34 behave the same");
        }
    }

    /** Starts the proxy in the namespace, runs the probe there, stops the proxy; the probe's report. */
    private String probeThrough(Netns ns, String name, List<String> proxy, List<String> checks) throws Exception {
        Path proxyLog = dir.resolve(name + ".log");
        Process p = ns.start(proxyLog, proxy);
        try {
            List<String> probe = new ArrayList<>(List.of(java(), "-Xmx64m", "-cp", System.getProperty("java.class.path"),
                    NetnsProbe.class.getName(), Integer.toString(TCP_ECHO), Integer.toString(UDP_ECHO)));
            probe.addAll(checks);
            Path probeLog = dir.resolve(name + "-probe.log");
            Process c = ns.start(probeLog, probe);
            if (!c.waitFor(120, TimeUnit.SECONDS)) {
                c.destroyForcibly();
            }
            String report = Files.readString(probeLog);
            assertTrue(!c.isAlive() && c.exitValue() == 0, name + ": " + report + "\nproxy output:\n"
                    + Files.readString(proxyLog));
            return report;
        } finally {
            ns.stop(p);
        }
    }

    private static String strip(String report) {
        return report.replaceAll("(?m)^(OK \\S+ \\S+).*$", "$1").strip();
    }

    private static List<String> vtoolCommand(Path config) {
        return List.of(java(), "-Xmx128m", "-cp", System.getProperty("java.class.path"), "dev.vtool.cli.Main",
                "run", "-c", config.toString());
    }

    private static String java() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** One config for both engines: only the original destinations reach the echo servers. */
    private static String config(String mode) {
        return """
                {
                  "log": {"loglevel": "info"},
                  "inbounds": [{"tag": "transparent", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                                "settings": {"network": "tcp,udp", "followRedirect": true},
                                "streamSettings": {"sockopt": {"tproxy": "%s"}}}],
                  "outbounds": [{"tag": "block", "protocol": "blackhole"},
                                {"tag": "tcp-echo", "protocol": "freedom", "settings": {"redirect": "127.0.0.1:%d"}},
                                {"tag": "udp-echo", "protocol": "freedom", "settings": {"redirect": "127.0.0.1:%d"}}],
                  "routing": {"rules": [
                    {"type": "field", "ip": ["198.51.100.7"], "port": "80", "network": "tcp", "outboundTag": "tcp-echo"},
                    {"type": "field", "ip": ["198.51.100.7"], "port": "53", "network": "udp", "outboundTag": "udp-echo"}]}
                }
                """.formatted(INBOUND, mode, TCP_ECHO, UDP_ECHO);
    }
}
