package dev.vtool.engine.transport.domainsocket;

import dev.vtool.schema.transport.domainsocket.DomainSocketSettings;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * {@code dsSettings} to a socket address as 4.34 builds it: {@code abstract} puts the name in Linux's
 * abstract namespace (a leading NUL; a leading {@code @} in the path is that NUL already), {@code padding}
 * fills the name with NULs to the full 108 bytes of {@code sun_path} (HAProxy's way of naming them).
 */
final class DomainSocketPath {
    private static final int SUN_PATH = 108;

    private DomainSocketPath() {
    }

    static DomainSocketAddress of(DomainSocketSettings s) {
        String path = s.path();
        if (path.isEmpty()) {
            throw new IllegalArgumentException("empty domain socket path");
        }
        if (!s.abstractName()) {
            return new DomainSocketAddress(path);
        }
        String name = "\0" + (path.charAt(0) == '@' ? path.substring(1) : path);
        if (s.padding()) {
            StringBuilder b = new StringBuilder(name);
            while (b.length() < SUN_PATH) {
                b.append('\0');
            }
            name = b.toString();
        }
        return new DomainSocketAddress(name);
    }

    /** How logs and errors name it: an abstract name with {@code @} for the NUL, padding left out. */
    static String display(DomainSocketAddress a) {
        String p = a.path();
        return p.startsWith("\0") ? "@" + p.substring(1).replace("\0", "") : p;
    }
}
