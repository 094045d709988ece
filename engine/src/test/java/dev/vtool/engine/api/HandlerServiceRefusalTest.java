package dev.vtool.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.EngineHarness;
import dev.vtool.engine.LeakCheck;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.testkit.FreePort;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * What vtool's HandlerService does not take is refused with a status that says why: 4.34's protobuf handler
 * configs of protocols it does not decode, account types it does not decode, a service the config does not list, a malformed request.
 */
@ExtendWith(LeakCheck.class)
class HandlerServiceRefusalTest {
    private static byte[] call(ManagedChannel ch, String service, String method, byte[] body) {
        return ClientCalls.blockingUnaryCall(ch, ApiMethods.unary(service, method),
                CallOptions.DEFAULT.withDeadlineAfter(5, TimeUnit.SECONDS), body);
    }

    @Test
    void refusesWhatItCannotDecodeByName() throws Exception {
        int api = FreePort.next();
        try (EngineHarness vtool = new EngineHarness("""
                {"api": {"tag": "api", "services": ["HandlerService"]},
                 "inbounds": [{"tag": "api-in", "listen": "127.0.0.1", "port": %d, "protocol": "dokodemo-door",
                               "settings": {"address": "127.0.0.1"}},
                              {"tag": "s", "listen": "127.0.0.1", "port": %d, "protocol": "socks"}],
                 "outbounds": [{"protocol": "freedom"}],
                 "routing": {"rules": [{"type": "field", "inboundTag": ["api-in"], "outboundTag": "api"}]}}
                """.formatted(api, FreePort.next()), LogLevel.WARNING)) {
            ManagedChannel ch = NettyChannelBuilder.forAddress("127.0.0.1", api).usePlaintext().build();
            try {
                HandlerMessages.HandlerConfig proto = new HandlerMessages.HandlerConfig("x",
                        new HandlerMessages.TypedMessage("v2ray.core.app.proxyman.ReceiverConfig", new byte[0]),
                        new HandlerMessages.TypedMessage("v2ray.core.proxy.mtproto.ServerConfig", new byte[0]));
                StatusRuntimeException e = assertThrows(StatusRuntimeException.class,
                        () -> call(ch, ApiMethods.HANDLER, "AddInbound", HandlerMessages.encodeAdd(proto)));
                assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode());
                assertTrue(e.getStatus().getDescription().contains("v2ray.core.proxy.mtproto.ServerConfig"), e.getMessage());
                // a protocol vtool decodes, but without a port: the model builder's own refusal
                HandlerMessages.HandlerConfig noPort = new HandlerMessages.HandlerConfig("x",
                        new HandlerMessages.TypedMessage("v2ray.core.app.proxyman.ReceiverConfig", new byte[0]),
                        new HandlerMessages.TypedMessage("v2ray.core.proxy.socks.ServerConfig", new byte[0]));
                e = assertThrows(StatusRuntimeException.class,
                        () -> call(ch, ApiMethods.HANDLER, "AddInbound", HandlerMessages.encodeAdd(noPort)));
                assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode(), e.getMessage());

                HandlerMessages.User trojan = new HandlerMessages.User(0, "t@x",
                        new HandlerMessages.TypedMessage("v2ray.core.proxy.trojan.Account", new byte[0]));
                HandlerMessages.AlterRequest add = new HandlerMessages.AlterRequest("s", new HandlerMessages.TypedMessage(
                        HandlerMessages.ADD_USER, new HandlerMessages.AddUserOperation(trojan).encode()));
                e = assertThrows(StatusRuntimeException.class, () -> call(ch, ApiMethods.HANDLER, "AlterInbound",
                        add.encode()));
                assertEquals(Status.Code.UNKNOWN, e.getStatus().getCode());
                assertTrue(e.getStatus().getDescription().endsWith("proxy is not a UserManager"), e.getMessage());

                e = assertThrows(StatusRuntimeException.class,
                        () -> call(ch, ApiMethods.HANDLER, "RemoveInbound", new byte[] {0x0a, 0x05}));
                assertEquals(Status.Code.INVALID_ARGUMENT, e.getStatus().getCode());
                e = assertThrows(StatusRuntimeException.class,
                        () -> call(ch, ApiMethods.STATS, "QueryStats", new byte[0]));
                assertEquals(Status.Code.UNIMPLEMENTED, e.getStatus().getCode(), "StatsService is not listed");
                e = assertThrows(StatusRuntimeException.class,
                        () -> call(ch, ApiMethods.HANDLER, "RemoveOutbound", HandlerMessages.encodeTag("nope")));
                assertTrue(e.getStatus().getDescription().contains("outbound \"nope\" not found"), e.getMessage());
            } finally {
                ch.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
            }
        }
    }
}
