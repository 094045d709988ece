package dev.vtool.schema.rules;

import java.util.List;
import java.util.Locale;

/** Small facts about address strings that several rules need. */
final class Addresses {
    /** Server addresses copied from tutorials and never filled in. */
    private static final List<String> PLACEHOLDERS = List.of(
            "serveraddr.com", "server.com", "example.com", "example.org", "example.net", "your.domain",
            "yourdomain.com", "your.domain.com", "your_server_ip", "your-server-ip", "yourserverip",
            "server_ip", "your_ip", "your.server.ip", "1.2.3.4", "x.x.x.x", "your_domain", "domain.com",
            "mydomain.me", "your.server.com");

    private Addresses() {
    }

    /** A listen address only this machine can reach (loopback IPs, localhost, Unix sockets). */
    static boolean isLocalOnly(String listen) {
        if (listen == null) {
            return false;
        }
        String l = listen.trim().toLowerCase(Locale.ROOT);
        return l.startsWith("127.") || l.equals("::1") || l.equals("[::1]") || l.equals("localhost")
                || l.startsWith("/") || l.startsWith("@");
    }

    /** A destination address that means "this machine". */
    static boolean isLoopback(String address) {
        return address != null && !address.startsWith("/") && !address.startsWith("@") && isLocalOnly(address);
    }

    /** True for tutorial placeholders such as {@code serveraddr.com} or {@code your_server_ip}. */
    static boolean isPlaceholder(String address) {
        if (address == null) {
            return false;
        }
        String a = address.trim().toLowerCase(Locale.ROOT);
        if (PLACEHOLDERS.contains(a) || a.startsWith("your") || a.contains("your_") || a.contains("your-")
                || a.contains("<") || a.contains("{{")) {
            return true;
        }
        // any subdomain of the reserved example domains (RFC 2606)
        return a.endsWith(".example.com") || a.endsWith(".example.org") || a.endsWith(".example.net")
                || a.endsWith(".example");
    }
}
