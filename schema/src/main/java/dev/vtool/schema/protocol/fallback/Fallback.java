package dev.vtool.schema.protocol.fallback;

/**
 * One {@code fallbacks} entry of a Trojan or VLESS inbound, resolved as 4.34 resolves it.
 *
 * @param alpn the TLS ALPN this entry is for ("" = any)
 * @param path the HTTP request path this entry is for ("" = any); exact match
 * @param type how to dial {@code dest}: {@code tcp}, {@code tcp4}, {@code tcp6} or {@code unix}
 * @param dest {@code host:port} for the tcp types; a socket path for unix (an abstract name starts with
 *             {@code @}; {@code @@name} is already padded with NULs to 108 bytes, HAProxy style)
 * @param xver PROXY protocol version sent first (0 = none, 1 = text, 2 = binary)
 */
public record Fallback(String alpn, String path, String type, String dest, int xver) {
    /** Whether {@code dest} is a unix socket. */
    public boolean unix() {
        return type.equals("unix");
    }
}
