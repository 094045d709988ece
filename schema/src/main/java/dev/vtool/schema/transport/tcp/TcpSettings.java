package dev.vtool.schema.transport.tcp;

import dev.vtool.schema.transport.TransportSettings;

/**
 * {@code tcpSettings}.
 *
 * @param headerType          {@code none} or {@code http} (HTTP/1.1 request/response camouflage)
 * @param acceptProxyProtocol whether accepted connections start with a PROXY protocol header
 * @param http                the request/response templates when the type is http, else null
 */
public record TcpSettings(String headerType, boolean acceptProxyProtocol, HttpHeader http) implements TransportSettings {
    public static final TcpSettings DEFAULT = new TcpSettings("none", false, null);

    public TcpSettings(String headerType, boolean acceptProxyProtocol) {
        this(headerType, acceptProxyProtocol, null);
    }

    @Override
    public String network() {
        return "tcp";
    }
}
