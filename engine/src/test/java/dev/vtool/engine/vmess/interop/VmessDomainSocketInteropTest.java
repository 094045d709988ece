package dev.vtool.engine.vmess.interop;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.testkit.InteropCell;
import dev.vtool.engine.testkit.InteropCell.Side;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * VMess over {@code network: "domainsocket"} against the real v2ray 4.34: a file path and an abstract
 * name, vtool client to v2ray server and back, bytes checked both ways. The vtool listener
 * removes its socket file and 4.34's lock file when it stops.
 */
@ExtendWith(LeakCheck.class)
class VmessDomainSocketInteropTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    private static String ds(String path, boolean abstractName) {
        return """
                {"network": "domainsocket", "dsSettings": {"path": "%s", "abstract": %b}}"""
                .formatted(path, abstractName);
    }

    /** The ds inbound, plus a socks inbound on {@code waitPort} so that a test can see the process is up. */
    private static String server(int port, int waitPort, String stream) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}, "streamSettings": %s},
                  {"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(port, ID, stream, waitPort);
    }

    private static String client(int socksPort, int serverPort, String stream) {
        return """
                {"inbounds": [{"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "vmess", "settings": {"vnext": [{"address": "127.0.0.1", "port": %d,
                   "users": [{"id": "%s", "alterId": 0, "security": "aes-128-gcm"}]}]}, "streamSettings": %s}]}
                """.formatted(socksPort, serverPort, ID, stream);
    }

    @ParameterizedTest(name = "{0} client -> {1} server, abstract {2}")
    @CsvSource({"vtool,v2ray,false", "v2ray,vtool,false", "vtool,v2ray,true", "v2ray,vtool,true", "vtool,vtool,false"})
    void bytesTravelIntactBothWays(String clientSide, String serverSide, boolean abstractName) throws Exception {
        InteropCell.requireV2ray();
        try (InteropCell cell = InteropCell.open("vmess-ds", 2 * 1024 * 1024 + 5)) {
            String path = abstractName ? "vtool-test-" + System.nanoTime() : cell.dir().resolve("v.sock").toString();
            String stream = ds(path, abstractName);
            int serverPort = FreePort.next();
            int waitPort = FreePort.next();
            int socksPort = FreePort.next();
            byte[] up = new byte[1024 * 1024 + 3];
            new Random(1).nextBytes(up);
            try (Side s = serverSide.equals("vtool") ? cell.vtool("vtool server", server(serverPort, waitPort, stream), LogLevel.INFO)
                         : cell.v2ray("server", server(serverPort, waitPort, stream), waitPort);
                 Side c = clientSide.equals("vtool") ? cell.vtool("vtool client", client(socksPort, serverPort, stream), LogLevel.INFO)
                         : cell.v2ray("client", client(socksPort, serverPort, stream), socksPort)) {
                awaitSocket(path, abstractName);
                if (!abstractName) {
                    assertTrue(Files.exists(Path.of(path)), "the socket file exists while listening");
                }
                cell.assertTcp(socksPort, up, 2);
            }
            if (!abstractName && serverSide.equals("vtool")) {
                assertFalse(Files.exists(Path.of(path)), "the socket file is removed");
                assertFalse(Files.exists(Path.of(path + ".lock")), "the lock file is removed");
            }
        }
    }

    /** A vmess inbound over plain tcp whose {@code listen} is the socket ({@code /path} or {@code @name}). */
    private static String unixListenServer(String listen, int waitPort) {
        return """
                {"inbounds": [{"listen": "%s", "port": 1, "protocol": "vmess",
                   "settings": {"clients": [{"id": "%s", "alterId": 0}]}},
                  {"listen": "127.0.0.1", "port": %d, "protocol": "socks", "settings": {"auth": "noauth"}}],
                 "outbounds": [{"protocol": "freedom", "settings": {"allowPrivate": true}}]}
                """.formatted(listen, ID, waitPort);
    }

    @ParameterizedTest(name = "{0} client -> {1} server listening on {2}")
    @CsvSource({"v2ray,vtool,file", "vtool,v2ray,file", "v2ray,vtool,abstract", "vtool,v2ray,abstract"})
    void anInboundListensOnAUnixSocket(String clientSide, String serverSide, String kind) throws Exception {
        InteropCell.requireV2ray();
        try (InteropCell cell = InteropCell.open("vmess-unix-listen", 700 * 1024 + 3)) {
            boolean abstractName = kind.equals("abstract");
            String name = "vtool-listen-" + System.nanoTime();
            String listen = abstractName ? "@" + name : cell.dir().resolve("in.sock").toString();
            String clientStream = ds(abstractName ? name : listen, abstractName);
            int waitPort = FreePort.next();
            int socksPort = FreePort.next();
            byte[] up = new byte[300 * 1024 + 1];
            new Random(2).nextBytes(up);
            try (Side s = serverSide.equals("vtool") ? cell.vtool("vtool server", unixListenServer(listen, waitPort), LogLevel.INFO)
                         : cell.v2ray("server", unixListenServer(listen, waitPort), waitPort);
                 Side c = clientSide.equals("vtool") ? cell.vtool("vtool client", client(socksPort, 1, clientStream), LogLevel.INFO)
                         : cell.v2ray("client", client(socksPort, 1, clientStream), socksPort)) {
                awaitSocket(abstractName ? name : listen, abstractName);
                cell.assertTcp(socksPort, up, 1);
            }
            if (!abstractName && serverSide.equals("vtool")) {
                assertFalse(Files.exists(Path.of(listen)), "the socket file is removed");
            }
        }
    }

    /** Waits (at most 5 s) until a socket file exists or an abstract name shows in /proc/net/unix. */
    private static void awaitSocket(String path, boolean abstractName) throws Exception {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (System.nanoTime() < deadline) {
            boolean there = abstractName
                    ? Files.readString(Path.of("/proc/net/unix")).contains("@" + path)
                    : Files.exists(Path.of(path));
            if (there) {
                return;
            }
            Thread.sleep(20);
        }
    }
}
