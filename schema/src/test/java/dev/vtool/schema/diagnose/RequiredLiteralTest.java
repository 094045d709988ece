package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class RequiredLiteralTest {

    @Test
    void longestTopLevelPlainText() {
        assertEquals("failed to read config file at line ",
                RequiredLiteral.of("failed to read config file at line (?<line>\\d+) char (?<char>\\d+) > (?<d>.+)"));
        assertEquals("malformed HTTP request \"\\x16\\x03", RequiredLiteral.of("malformed HTTP request \"\\\\x16\\\\x03"));
        assertEquals("TLS must be enabled for http transport", RequiredLiteral.of("TLS must be enabled for http transport"));
    }

    @Test
    void optionalAndRepeatedCharactersAreLeftOut() {
        assertEquals("failed to read config file", RequiredLiteral.of("failed to read config files?(?:: x)?"));
        assertEquals("unknown Socks version", RequiredLiteral.of("unknown Socks version:? ?(?<v>\\d+)?"));
        assertEquals(" efgh", RequiredLiteral.of("abcd+ efgh"));
        assertEquals("abcde", RequiredLiteral.of("abcdef+?xyz"), "a lazy quantifier drops only the f");
        assertEquals("unexpected status", RequiredLiteral.of("unexpected status ?(?<s>\\d+)"));
        assertEquals("listen ", RequiredLiteral.of("listen (?<n>tcp|udp)\\d? "));
    }

    @Test
    void nothingProvableMeansNoLiteral() {
        assertNull(RequiredLiteral.of("(?i)\\bxtls\\b|\\breality\\b"));
        assertNull(RequiredLiteral.of("websocket: close (?:1000|sent)|stream error"), "top-level alternation");
        assertNull(RequiredLiteral.of("(?:unexpected )?EOF"), "only 3 plain characters");
        assertNull(RequiredLiteral.of("[a-z]+\\d"));
    }

    @Test
    void everyKnowledgeBaseMatchContainsItsLiteral() {
        for (KbEntry e : KnowledgeBase.builtIn().entries()) {
            for (int i = 0; i < e.patterns().size(); i++) {
                String literal = e.requiredLiterals().get(i);
                Pattern p = e.patterns().get(i);
                for (String example : KnowledgeBase.builtIn().entries().stream().flatMap(x -> x.examples().stream())
                        .toList()) {
                    String text = new LogLineParser("x").next(example).text();
                    Matcher m = p.matcher(text);
                    if (m.find() && literal != null) {
                        assertTrue(text.contains(literal), e.id() + ": literal '" + literal + "' of /" + p.pattern()
                                + "/ not in a line it matches: " + text);
                    }
                }
            }
        }
    }
}
