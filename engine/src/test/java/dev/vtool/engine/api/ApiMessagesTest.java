package dev.vtool.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The hand-written messages produce protobuf's bytes for 4.34's field numbers, and read them back. */
class ApiMessagesTest {
    private static byte[] hex(String h) {
        return HexFormat.of().parseHex(h);
    }

    @Test
    void statsMessagesUseTheFieldNumbersOfCommandProto() throws IOException {
        // name = 1 "ab", reset = 2 true: what protoc's code writes
        assertArrayEquals(hex("0a0261621001"), new StatsMessages.GetStatsRequest("ab", true).encode());
        assertArrayEquals(new byte[0], new StatsMessages.QueryStatsRequest("", false).encode());
        StatsMessages.QueryStatsResponse r = new StatsMessages.QueryStatsResponse(List.of(
                new StatsMessages.Stat("x", 300), new StatsMessages.Stat("y", 0)));
        // stat = 1 {name = 1 "x", value = 2 300}, stat = 1 {name = 1 "y"}
        assertArrayEquals(hex("0a060a017810ac02" + "0a030a0179"), r.encode());
        assertEquals(r, StatsMessages.QueryStatsResponse.decode(r.encode()));
        StatsMessages.SysStatsResponse sys = new StatsMessages.SysStatsResponse(1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        assertEquals(sys, StatsMessages.SysStatsResponse.decode(sys.encode()));
    }

    @Test
    void alterInboundCarriesTypedMessages() throws IOException {
        HandlerMessages.User user = new HandlerMessages.User(1, "a@b",
                new HandlerMessages.TypedMessage("v2ray.core.proxy.vmess.Account", new byte[] {0x0a, 0x01, 0x78}));
        HandlerMessages.AlterRequest req = new HandlerMessages.AlterRequest("vm",
                new HandlerMessages.TypedMessage(HandlerMessages.ADD_USER, new HandlerMessages.AddUserOperation(user).encode()));
        HandlerMessages.AlterRequest back = HandlerMessages.AlterRequest.decode(req.encode());
        assertEquals("vm", back.tag());
        assertEquals(HandlerMessages.ADD_USER, back.operation().type());
        HandlerMessages.User u = HandlerMessages.AddUserOperation.decode(back.operation().value()).user();
        assertEquals(1, u.level());
        assertEquals("a@b", u.email());
        assertArrayEquals(new byte[] {0x0a, 0x01, 0x78}, u.account().value());
        assertEquals("t", HandlerMessages.decodeTag(HandlerMessages.encodeTag("t")));
    }

    @Test
    void unknownFieldsAreSkippedAndGarbageIsRefused() throws IOException {
        // field 15 (varint) before name = 1
        assertEquals("ab", StatsMessages.GetStatsRequest.decode(hex("78050a026162")).name());
        assertThrows(IOException.class, () -> StatsMessages.GetStatsRequest.decode(hex("0a05")));
        assertThrows(IOException.class, () -> StatsMessages.GetStatsRequest.decode(hex("08")));
        assertThrows(IOException.class, () -> StatsMessages.GetStatsRequest.decode(hex("0801")), "name as a varint");
    }
}
