package dev.vtool.engine.routing;

import java.net.InetAddress;
import java.net.UnknownHostException;

/** One IP network: address bytes and prefix length. */
public record Cidr(byte[] network, int prefix) {
    public static Cidr parse(String text) throws UnknownHostException {
        int slash = text.indexOf('/');
        InetAddress a = InetAddress.getByName(slash < 0 ? text : text.substring(0, slash));
        byte[] bytes = a.getAddress();
        int prefix = slash < 0 ? bytes.length * 8 : Integer.parseInt(text.substring(slash + 1));
        return new Cidr(bytes, prefix);
    }

    /** Whether ip (4 or 16 bytes) lies in this network; IPv4-mapped IPv6 matches IPv4 networks. */
    public boolean contains(byte[] ip) {
        byte[] net = network;
        if (ip.length != net.length) {
            // IPv4-mapped IPv6 addresses match IPv4 networks
            if (ip.length == 16 && net.length == 4 && isMapped(ip)) {
                byte[] v4 = new byte[4];
                System.arraycopy(ip, 12, v4, 0, 4);
                return contains(v4);
            }
            return false;
        }
        int full = prefix / 8;
        for (int i = 0; i < full; i++) {
            if (ip[i] != net[i]) {
                return false;
            }
        }
        int rest = prefix % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xFF << (8 - rest)) & 0xFF;
        return (ip[full] & mask) == (net[full] & mask);
    }

    /** ::ffff:a.b.c.d */
    public static boolean isMapped(byte[] ip) {
        for (int i = 0; i < 10; i++) {
            if (ip[i] != 0) {
                return false;
            }
        }
        return ip[10] == (byte) 0xFF && ip[11] == (byte) 0xFF;
    }
}
