package dev.vtool.schema.rules;

import static dev.vtool.schema.rules.RuleTester.CLIENT_IN;
import static dev.vtool.schema.rules.RuleTester.FREEDOM_OUT;
import static dev.vtool.schema.rules.RuleTester.UUID;
import static dev.vtool.schema.rules.RuleTester.config;
import static dev.vtool.schema.rules.RuleTester.none;
import static dev.vtool.schema.rules.RuleTester.single;
import static dev.vtool.schema.rules.RuleTester.vmessIn;
import static dev.vtool.schema.rules.RuleTester.vmessOut;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import org.junit.jupiter.api.Test;

/** UUIDs, duplicate ids and e-mails, alterId. */
class UserRulesTest {
    @Test
    void invalidUuidQuotesV2raysError() {
        Finding f = single(new InvalidUuidRule(), config(vmessIn("{\"id\": \"urn:uuid:" + UUID + "\"}"), FREEDOM_OUT));
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("failed to parse ID > encoding/hex: invalid byte: U+0075 'u'"), f.message());
        assertTrue(f.message().contains("urn:uuid:"), f.message());
    }

    @Test
    void crashCaseIsAnError() {
        Finding f = single(new InvalidUuidRule(), config(CLIENT_IN, vmessOut("{\"id\": \"b831381d-6324-4d53-ad4f-8cda48b3\"}")));
        assertTrue(f.message().contains("crashes"), f.message());
    }

    @Test
    void missingIdAndVlessAreChecked() {
        Finding f = single(new InvalidUuidRule(), config("[{\"port\": 1, \"protocol\": \"vless\", \"settings\": "
                + "{\"decryption\": \"none\", \"clients\": [{\"email\": \"a\"}]}}]", FREEDOM_OUT));
        assertTrue(f.message().contains("proxy/vless: failed to parse ID > invalid UUID: "), f.message());
        none(new InvalidUuidRule(), config(vmessIn("{\"id\": \"" + UUID.toUpperCase() + "\"}"), FREEDOM_OUT));
    }

    @Test
    void oddUuidOffersTheCanonicalForm() {
        Finding upper = single(new OddUuidRule(), config(vmessIn("{\"id\": \"" + UUID.toUpperCase() + "\"}"), FREEDOM_OUT));
        assertEquals(Severity.WARNING, upper.severity());
        assertTrue(upper.message().contains("upper case"), upper.message());
        assertEquals("write the canonical form \"" + UUID + "\"", upper.fix());
        Finding tail = single(new OddUuidRule(), config(vmessIn("{\"id\": \"" + UUID + "abc\"}"), FREEDOM_OUT));
        assertTrue(tail.message().contains("(\"abc\")"), tail.message());
        none(new OddUuidRule(), config(vmessIn("{\"id\": \"" + UUID + "\"}"), FREEDOM_OUT));
        none(new OddUuidRule(), config(vmessIn("{\"id\": \"{" + UUID + "}\"}"), FREEDOM_OUT)); // an error, not odd
    }

    @Test
    void duplicateIdsCompareParsedBytes() {
        Finding f = single(new DuplicateClientIdRule(), config(vmessIn("{\"id\": \"" + UUID + "\"},\n{\"id\": \""
                + UUID.replace("-", "").toUpperCase() + "\"}"), FREEDOM_OUT));
        assertEquals(3, f.location().line());
        assertEquals(2, f.related().get(0).line());
    }

    @Test
    void duplicateEmailsIgnoreCaseAndUseV2raysWords() {
        Finding f = single(new DuplicateEmailRule(), config("[{\"port\": 1, \"protocol\": \"trojan\", \"settings\": "
                + "{\"clients\": [{\"password\": \"a\", \"email\": \"x@y\"},\n{\"password\": \"b\", \"email\": \"X@y\"}]}}]",
                FREEDOM_OUT));
        assertEquals(Severity.ERROR, f.severity());
        assertTrue(f.message().contains("User X@y already exists."), f.message());
        none(new DuplicateEmailRule(), config(vmessIn("{\"id\": \"" + UUID + "\", \"email\": \"\"}, {\"id\": \""
                + UUID + "\", \"email\": \"\"}"), FREEDOM_OUT));
    }

    @Test
    void alterIdRangeAndLegacy() {
        Finding range = single(new AlterIdRangeRule(), config(vmessIn("{\"id\": \"" + UUID + "\", \"alterId\": \"4\"}"), FREEDOM_OUT));
        assertTrue(range.message().contains("cannot unmarshal string into Go struct field VMessAccount.alterId of type uint16"),
                range.message());
        single(new AlterIdRangeRule(), config(vmessIn("{\"id\": \"" + UUID + "\", \"alterId\": -1}"), FREEDOM_OUT));
        none(new AlterIdRangeRule(), config(vmessIn("{\"id\": \"" + UUID + "\", \"alterId\": 65535}"), FREEDOM_OUT));
        Finding legacy = single(new LegacyAlterIdRule(), config(CLIENT_IN, vmessOut("{\"id\": \"" + UUID + "\", \"alterId\": 64}")));
        assertEquals(Severity.WARNING, legacy.severity());
        assertTrue(legacy.message().contains("legacy") && legacy.message().contains("invalid user"), legacy.message());
        none(new LegacyAlterIdRule(), config(CLIENT_IN, vmessOut("{\"id\": \"" + UUID + "\", \"alterId\": 0}")));
    }
}
