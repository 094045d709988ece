package dev.vtool.engine.vmess.encoding;

import io.netty.util.NetUtil;
import java.util.Arrays;

/** Destination of a request: a domain or an IPv4/IPv6 address, and a port. */
public record RequestTarget(String domain, byte[] ip, int port) {
    /** What a Mux request stands for: 4.34 uses {@code v1.mux.cool:0}. */
    public static final RequestTarget MUX = new RequestTarget("v1.mux.cool", null, 0);

    public RequestTarget {
        if ((domain == null) == (ip == null)) {
            throw new IllegalArgumentException("a target is either a domain or an IP");
        }
        if (ip != null && ip.length != 4 && ip.length != 16) {
            throw new IllegalArgumentException("an IP has 4 or 16 bytes");
        }
        if (port < 0 || port > 0xFFFF) {
            throw new IllegalArgumentException("port out of range: " + port);
        }
        ip = ip == null ? null : ip.clone();
    }

    public static RequestTarget domain(String domain, int port) {
        return new RequestTarget(domain, null, port);
    }

    public static RequestTarget ip(byte[] ip, int port) {
        return new RequestTarget(null, ip, port);
    }

    /** An IP literal becomes an IP target, anything else a domain (no name resolution here). */
    public static RequestTarget of(String host, int port) {
        byte[] literal = NetUtil.createByteArrayFromIpAddressString(host);
        return literal != null ? ip(literal, port) : domain(host, port);
    }

    @Override
    public byte[] ip() {
        return ip == null ? null : ip.clone();
    }

    public String host() {
        if (domain != null) {
            return domain;
        }
        return ip.length == 4 ? NetUtil.bytesToIpAddress(ip) : "[" + NetUtil.bytesToIpAddress(ip) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestTarget t && port == t.port
                && java.util.Objects.equals(domain, t.domain) && Arrays.equals(ip, t.ip);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * java.util.Objects.hashCode(domain) + Arrays.hashCode(ip)) + port;
    }

    @Override
    public String toString() {
        return host() + ":" + port;
    }
}
