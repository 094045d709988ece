package dev.vtool.engine.transport.domainsocket;

import dev.vtool.engine.transport.UnixSocketListener;
import dev.vtool.schema.transport.domainsocket.DomainSocketSettings;
import io.netty.channel.unix.DomainSocketAddress;

/**
 * {@code dsSettings} to a socket address as 4.34 builds it: {@code abstract} puts the name in Linux's
 * abstract namespace (a leading NUL; a leading {@code @} in the path is that NUL already), {@code padding}
 * fills the name with NULs to the full 108 bytes of {@code sun_path} (HAProxy's way of naming them).
 */
final class DomainSocketPath {
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
        return UnixSocketListener.abstractName(path.charAt(0) == '@' ? path.substring(1) : path, s.padding());
    }

    static String display(DomainSocketAddress a) {
        return UnixSocketListener.display(a);
    }
}
