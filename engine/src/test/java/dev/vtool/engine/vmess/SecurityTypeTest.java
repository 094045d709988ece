package dev.vtool.engine.vmess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class SecurityTypeTest {
    @Test
    void jsonNamesAsFourThirtyFourReadsThem() {
        assertEquals(SecurityType.AES_128_GCM, SecurityType.fromConfig("AES-128-GCM"));
        assertEquals(SecurityType.CHACHA20_POLY1305, SecurityType.fromConfig("chacha20-poly1305"));
        assertEquals(SecurityType.NONE, SecurityType.fromConfig("None"));
        SecurityType auto = SecurityType.resolveAuto(System.getProperty("os.arch"));
        assertEquals(auto, SecurityType.fromConfig("auto"));
        assertEquals(auto, SecurityType.fromConfig("zero"), "4.34 has no zero: it silently means auto");
        assertEquals(auto, SecurityType.fromConfig("aes-128-cfb"));
        assertEquals(auto, SecurityType.fromConfig(null));
    }

    @Test
    void autoResolvesByArchitecture() {
        assertEquals(SecurityType.AES_128_GCM, SecurityType.resolveAuto("amd64"));
        assertEquals(SecurityType.AES_128_GCM, SecurityType.resolveAuto("aarch64"));
        assertEquals(SecurityType.AES_128_GCM, SecurityType.resolveAuto("s390x"));
        assertEquals(SecurityType.CHACHA20_POLY1305, SecurityType.resolveAuto("arm"));
        assertEquals(SecurityType.CHACHA20_POLY1305, SecurityType.resolveAuto("riscv64"));
    }

    @Test
    void requestNibbleZeroIsLegacyAndSixIsUnknown() {
        assertEquals(SecurityType.LEGACY, SecurityType.fromRequestNibble(0));
        assertEquals(SecurityType.UNKNOWN, SecurityType.fromRequestNibble(6));
        assertEquals(SecurityType.NONE, SecurityType.fromRequestNibble(5));
    }

    @Test
    void uuidParsing() {
        assertEquals("b831381d-6324-4d53-ad4f-8cda48b30811", VmessId.parse("B831381D63244D53AD4F8CDA48B30811").toString());
        assertThrows(IllegalArgumentException.class, () -> VmessId.parse("not-a-uuid"));
        assertThrows(IllegalArgumentException.class, () -> VmessId.parse("b831381d-6324-4d53-ad4f-8cda48b3081z"));
    }
}
