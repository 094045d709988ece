package dev.vtool.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Starlark subset of routing rules' attrs: what it evaluates, what it refuses by name, its syntax errors. */
class AttrExpressionTest {
    private static final Map<String, String> GET = Map.of(":method", "GET", ":path", "/x/y",
            "host", "example.com", "user-agent", "curl/8.0", "accept", "*/*");

    private static boolean eval(String expr, Map<String, String> attrs) throws Exception {
        return AttrExpression.parse(expr).matches(attrs);
    }

    @Test
    void evaluatesTheExpressions434UsersWrite() throws Exception {
        assertTrue(eval("attrs[':method'] == 'GET'", GET));
        assertFalse(eval("attrs[':method'] == \"POST\"", GET));
        assertTrue(eval("attrs[':path'].startswith('/x')", GET));
        assertFalse(eval("attrs[':path'].endswith('/x')", GET));
        assertTrue(eval("'host' in attrs and not 'cookie' in attrs", GET));
        assertTrue(eval("'cookie' not in attrs", GET));
        assertTrue(eval("attrs[':method'] == 'POST' or attrs['host'].lower() == 'EXAMPLE.com'.lower()", GET));
        assertTrue(eval("'curl' in attrs['user-agent']", GET));
        assertTrue(eval("attrs.get('cookie', 'none') == 'none' and attrs.get('x') == None", GET));
        assertTrue(eval("(attrs[':method'] != 'GET') == False", GET));
        assertTrue(eval("attrs[':path']", GET), "a non-empty string is true");
    }

    @Test
    void aMissingKeyOrNoAttributesNeverMatch() throws Exception {
        assertFalse(eval("attrs['cookie'] == 'a' or True", GET), "Starlark stops at the error: the rule does not match");
        assertFalse(eval("True", null), "no HTTP request, no attributes: 4.34 skips the rule");
    }

    @Test
    void syntaxErrorsUse434sWordsAndColumns() {
        // each message as v2ray -test prints it for the same attrs text
        assertEquals("attr.star:1:24: got end of file, want ')'", syntax("(attrs['a']"));
        assertEquals("attr.star:1:32: unexpected EOF in string", syntax("attrs[':method'] == 'GET"));
        assertEquals("attr.star:1:19: got ')', want primary expression", syntax("attrs["));
    }

    private static String syntax(String expr) {
        return assertThrows(AttrExpression.SyntaxError.class, () -> AttrExpression.parse(expr)).getMessage();
    }

    @Test
    void starlarkBeyondTheSubsetIsRefusedByName() {
        for (String expr : new String[] {"len(attrs) > 2", "attrs[':path'][1:]", "attrs[':method'] in ['GET']",
                "attrs[':path'].split('/')", "x == 1"}) {
            assertThrows(AttrExpression.Unsupported.class, () -> AttrExpression.parse(expr), expr);
        }
    }
}
