package dev.vtool.engine.freedom;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.InetAddress;
import org.junit.jupiter.api.Test;

/** The freedom block list, range by range, at both edges, in IPv4, IPv6 and IPv4-mapped form. */
class PrivateAddressesTest {
    private static boolean blocked(String ip) throws Exception {
        return PrivateAddresses.isBlocked(InetAddress.getByName(ip));
    }

    @Test
    void blockedRanges() throws Exception {
        for (String ip : new String[] {"0.0.0.0", "0.255.255.255", "10.0.0.1", "10.255.255.255", "100.64.0.0",
                "100.127.255.255", "127.0.0.1", "127.1.2.3", "169.254.1.1", "172.16.0.1", "172.31.255.255",
                "192.0.0.8", "192.0.2.1", "192.88.99.1", "192.168.1.1", "198.18.0.1", "198.19.255.255",
                "198.51.100.7", "203.0.113.9", "224.0.0.1", "239.255.255.250", "255.255.255.255",
                "::", "::1", "::7f00:1", "fc00::1", "fdff::1", "fe80::1", "febf::1", "fec0::1", "ff02::1",
                "2001:db8::1", "::ffff:127.0.0.1", "::ffff:10.1.2.3", "::ffff:100.64.0.1"}) {
            assertEquals(true, blocked(ip), ip);
        }
    }

    @Test
    void publicAddressesPass() throws Exception {
        for (String ip : new String[] {"1.1.1.1", "9.255.255.255", "11.0.0.0", "100.63.255.255", "100.128.0.0",
                "128.0.0.1", "169.253.255.255", "172.15.255.255", "172.32.0.0", "192.0.1.1", "192.167.255.255",
                "192.169.0.0", "198.17.255.255", "198.20.0.0", "223.255.255.255", "2001:4860::8888",
                "2a00:1450::1", "fbff::1", "::ffff:8.8.8.8"}) {
            assertEquals(false, blocked(ip), ip);
        }
    }

    @Test
    void mappedAddressesCountAsV4() throws Exception {
        assertEquals(true, PrivateAddresses.isV4(InetAddress.getByName("::ffff:8.8.8.8")));
        assertEquals(true, PrivateAddresses.isV4(InetAddress.getByName("8.8.8.8")));
        assertEquals(false, PrivateAddresses.isV4(InetAddress.getByName("2001:4860::8888")));
    }
}
