package dev.vtool.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.engine.OwnSockets;
import dev.vtool.engine.transport.Transports;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The gRPC server behind the {@code api} outbound opens no TCP port: the only listeners the engine adds are
 * its inbounds', found by this process's socket inodes in {@code /proc/net/tcp} and {@code tcp6}. Its unix
 * socket sits in a 0700 directory, which is gone after shutdown, and API calls still work through the
 * inbound that routing sends to the api tag.
 */
@ExtendWith(LeakCheck.class)
class ApiListenerPrivacyTest {
    private static final String DIR = "vtool-api-";

    @Test
    void theApiServerListensOnlyOnAPrivateUnixSocket() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(OwnSockets.available() && Transports.nativeEpoll(),
                "needs Linux's /proc and native epoll (else the API falls back to loopback TCP, with a warning)");
        int api = FreePort.next();
        int socks = FreePort.next();
        Set<Integer> before = OwnSockets.listeningTcpPorts();
        Path dir;
        try (EngineHarness vtool = new EngineHarness("""
                {"stats": {},
                 "policy": {"system": {"statsInboundUplink": true}},
                 "api": {"tag": "api", "services": ["StatsService"]},
                 "inbounds": [{"tag": "api-in", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                               "settings": {"address": "127.0.0.1"}},
                              {"tag": "s", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [{"protocol": "freedom"}],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["api-in"], "outboundTag": "api"}]}}
                """.formatted(api, socks), LogLevel.WARNING)) {
            Set<Integer> added = OwnSockets.listeningTcpPorts();
            added.removeAll(before);
            assertEquals(Set.of(api, socks), added, "TCP listeners the engine added: only its inbounds'");
            assertFalse(vtool.log().contains("loopback TCP port"), vtool.log());

            List<Path> sockets = OwnSockets.unixSocketPaths().stream().filter(p -> p.toString().contains(DIR)).toList();
            assertEquals(1, sockets.size(), "the API's unix socket: " + sockets);
            dir = sockets.get(0).getParent();
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));

            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", api).usePlaintext().build();
            try {
                byte[] answer = ClientCalls.blockingUnaryCall(ch, ApiMethods.unary(ApiMethods.STATS, "QueryStats"),
                        CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), new byte[0]);
                assertTrue(new String(answer, java.nio.charset.StandardCharsets.UTF_8).contains("inbound>>>s>>>traffic>>>uplink"),
                        "counters come back through the api inbound");
            } finally {
                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
        assertFalse(Files.exists(dir), "the private directory is removed at shutdown");
    }
}
