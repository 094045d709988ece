package dev.vtool.schema.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Pins 4.34's wordings: these strings are compared byte for byte with what v2ray prints. */
class V2rayMessagesTest {
    @Test
    void factoriesSpellV2raysMessages() {
        assertEquals("unknown config id: vmes", V2rayMessages.unknownConfigId("vmes"));
        assertEquals("failed to parse ID > invalid UUID: x", V2rayMessages.failedToParseId("invalid UUID: x"));
        assertEquals("Config: unknown transport protocol: xhttp", V2rayMessages.unknownTransportProtocol("xhttp"));
        assertEquals("type not found in JSON context", V2rayMessages.notFoundInJsonContext("type"));
        assertEquals("invalid port: 70000", V2rayMessages.invalidPort(70000));
        assertEquals("invalid port range: 9-1", V2rayMessages.invalidPortRange("9-1"));
        assertEquals("unknown router rule type: ", V2rayMessages.unknownRouterRuleType(""));
        assertEquals("unknown security type: 9", V2rayMessages.unknownSecurityType(9));
    }

    @Test
    void chainsJoinLikeGoErrors() {
        assertEquals("failed to parse server spec > failed to parse ID > bad",
                V2rayMessages.causedBy(V2rayMessages.FAILED_TO_PARSE_SERVER_SPEC, V2rayMessages.failedToParseId("bad")));
        assertEquals("invalid user > Not Found", V2rayMessages.causedBy(V2rayMessages.INVALID_USER, "Not Found"));
        assertEquals("Config: Failed to parse Blackhole response config. > unknown config id: https",
                V2rayMessages.causedBy(V2rayMessages.BLACKHOLE_RESPONSE_FAILED, V2rayMessages.unknownConfigId("https")));
        assertEquals("Configuration OK.", V2rayMessages.CONFIGURATION_OK);
    }
}
