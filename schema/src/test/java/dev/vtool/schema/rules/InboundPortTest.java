package dev.vtool.schema.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class InboundPortTest {
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static InboundPort parse(String json) {
        JsonNode n = JSON.readTree(json);
        return InboundPort.parse(n, Map.of("PORT", "8080", "RANGE", "1000-2000", "BAD", "x")::get);
    }

    @Test
    void acceptsWhat434Accepts() {
        assertEquals(new InboundPort(1080, 1080, null), parse("1080"));
        assertEquals(new InboundPort(1080, 1080, null), parse("\"1080\""));
        assertEquals(new InboundPort(1000, 2000, null), parse("\"1000-2000\""));
        assertEquals(new InboundPort(0, 0, null), parse("0"));
        assertEquals(new InboundPort(0, 10, null), parse("\"0-10\""));
        assertEquals(new InboundPort(8080, 8080, null), parse("\"env:PORT\""));
        assertEquals(new InboundPort(1000, 2000, null), parse("\"env:RANGE\""));
    }

    @Test
    void rejectsWithV2raysMessages() {
        assertEquals("invalid port range 2000 -> 1000", parse("\"2000-1000\"").error());
        assertEquals("invalid port range: 70000", parse("70000").error());
        assertEquals("invalid port range: \"70000\"", parse("\"70000\"").error());
        for (String bad : new String[] {"-1", "1080.5", "\" 1080\"", "\"1080,1081\"", "\"a\"", "\"env:UNSET\"",
                "\"env:BAD\"", "true", "[1080]", "\"\""}) {
            assertFalse(parse(bad).ok(), bad);
            assertTrue(parse(bad).error().startsWith("invalid port range: "), bad);
        }
    }
}
