package dev.vtool.schema.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class IpTextTest {
    @Test
    void ipv4IsFourPartsOfOneToThreeDigitsUpTo255() {
        for (String yes : new String[] {"0.0.0.0", "127.0.0.1", "255.255.255.255", "01.002.3.4"}) {
            assertEquals(true, IpText.isIpv4(yes), yes);
        }
        for (String no : new String[] {"", ".", "1.2.3", "1.2.3.4.5", "1.2.3.256", "1..3.4", "1.2.3.4.", ".1.2.3",
                "1.2.3.0004", "a.b.c.d", "1.2.3.-4", "1.2.3.4 ", "example.com", "::1"}) {
            assertEquals(false, IpText.isIpv4(no), no);
        }
    }
}
