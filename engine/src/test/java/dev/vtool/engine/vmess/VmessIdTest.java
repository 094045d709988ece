package dev.vtool.engine.vmess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.vtool.schema.vmess.V2rayUuid;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The engine reads ids with the one parser lint, pair, link and run -test use, so run accepts what they accept. */
class VmessIdTest {
    private static final String ID = "b831381d-6324-4d53-ad4f-8cda48b30811";

    @ParameterizedTest
    @ValueSource(strings = {ID, "B831381D63244D53AD4F8CDA48B30811", "-" + ID, ID + "xyz", ID + "-garbage",
            "b831381d-63244d53-ad4f8cda48b30811", "{" + ID + "}", "urn:uuid:" + ID, "short", "",
            "b831381d-6324-4d53-ad4f-8cda48b3081g", "b831381d-6324-4d53-ad4f-8cda48b3", "my-secret-password-for-vmess-users"})
    void agreesWithV2rayUuid(String text) {
        V2rayUuid.Parse expected = V2rayUuid.parse(text);
        if (expected.ok()) {
            assertArrayEquals(expected.bytes(), VmessId.parse(text).uuid(), text);
        } else {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> VmessId.parse(text), text);
            assertEquals(expected.errorWithOutcome(), e.getMessage());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"abc", "def"})
    void threeLettersAfterTheHexDigitsAreIgnoredAs434Does(String tail) {
        // passes v2ray -test and lint; run refused it before the engine used V2rayUuid
        assertEquals(ID, VmessId.parse(ID + tail).toString());
    }
}
