package dev.vtool.engine;

import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.Network;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * Where a connection wants to go: a network plus a domain name or IP literal and a port. Prints the way
 * V2Ray prints destinations ({@code tcp:example.com:443}, {@code udp:[::1]:53}).
 */
public record Destination(Network network, String host, int port) {
    public Destination {
        host = IpText.stripBrackets(host);
    }

    public static Destination tcp(String host, int port) {
        return new Destination(Network.TCP, host, port);
    }

    public static Destination of(Network network, InetSocketAddress address) {
        String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
        return new Destination(network, host, address.getPort());
    }

    public boolean isDomain() {
        return !IpText.isIpLiteral(host);
    }

    public boolean isIpv6() {
        return host.contains(":");
    }

    public Destination withHost(String newHost) {
        return new Destination(network, newHost, port);
    }

    /** The IP address when the host is a literal; never resolves a name. */
    public InetAddress ipOrNull() {
        if (isDomain()) {
            return null;
        }
        // one parse of the literal, no exception (runs for every routed connection)
        byte[] literal = io.netty.util.NetUtil.createByteArrayFromIpAddressString(host);
        try {
            return literal != null ? InetAddress.getByAddress(literal) : InetAddress.getByName(host);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }

    /** {@code host:port} with brackets around IPv6, as in URLs and V2Ray's logs. */
    public String hostPort() {
        return (isIpv6() ? "[" + host + "]" : host) + ":" + port;
    }

    @Override
    public String toString() {
        return network.id() + ":" + hostPort();
    }
}
