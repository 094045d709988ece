package dev.vtool.schema.transport.tcp;

import dev.vtool.schema.transport.TransportSettings;

/**
 * {@code tcpSettings}.
 *
 * @param headerType          {@code none} or {@code http} (HTTP/1.1 request/response camouflage)
 * @param acceptProxyProtocol whether accepted connections start with a PROXY protocol header
 */
public record TcpSettings(String headerType, boolean acceptProxyProtocol) implements TransportSettings {
    public static final TcpSettings DEFAULT = new TcpSettings("none", false);

    @Override
    public String network() {
        return "tcp";
    }
}
