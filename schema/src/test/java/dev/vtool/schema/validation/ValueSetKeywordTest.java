package dev.vtool.schema.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

/** vtool's enum/const keep draft-07's meaning. */
class ValueSetKeywordTest {
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(LeanDraft7.create()).getSchema("""
            {"$schema": "http://json-schema.org/draft-07/schema#",
             "properties": {"e": {"enum": ["tcp", 2, null, true]}, "c": {"const": "none"}},
             "if": {"properties": {"p": {"const": "vmess"}}, "required": ["p"]},
             "then": {"required": ["settings"]}}""", InputFormat.JSON);

    private static List<Error> check(String json) {
        return SCHEMA.validate(json, InputFormat.JSON);
    }

    @Test
    void acceptsListedValuesWithJsonEquality() {
        for (String ok : List.of("{\"e\": \"tcp\"}", "{\"e\": 2}", "{\"e\": 2.0}", "{\"e\": null}", "{\"e\": true}",
                "{\"c\": \"none\"}", "{\"p\": \"socks\"}", "{\"p\": \"vmess\", \"settings\": {}}")) {
            assertTrue(check(ok).isEmpty(), ok);
        }
    }

    @Test
    void rejectsOtherValuesUnderTheStandardKeywordNames() {
        List<Error> enumErrors = check("{\"e\": \"TCP\"}");
        assertEquals(1, enumErrors.size());
        assertEquals("enum", enumErrors.get(0).getKeyword());
        assertEquals("/e", enumErrors.get(0).getInstanceLocation().toString());
        assertEquals("const", check("{\"c\": \"tls\"}").get(0).getKeyword());
        assertEquals(1, check("{\"e\": \"2\"}").size());
        // a matching const condition applies "then"
        assertEquals("required", check("{\"p\": \"vmess\"}").get(0).getKeyword());
    }
}
