package dev.vtool.schema.transport.domainsocket;

import dev.vtool.schema.transport.TransportSettings;

/**
 * {@code dsSettings}.
 *
 * @param abstractName whether the path names a Linux abstract socket
 * @param padding      whether an abstract name is padded to the full sockaddr length (HAProxy's habit)
 */
public record DomainSocketSettings(String path, boolean abstractName, boolean padding) implements TransportSettings {
    public static final DomainSocketSettings DEFAULT = new DomainSocketSettings("", false, false);

    @Override
    public String network() {
        return "domainsocket";
    }
}
