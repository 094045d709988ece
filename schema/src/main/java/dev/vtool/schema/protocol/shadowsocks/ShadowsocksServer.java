package dev.vtool.schema.protocol.shadowsocks;

/** One entry of a shadowsocks outbound's {@code servers}: 4.34 gives each exactly one user. */
public record ShadowsocksServer(String address, int port, ShadowsocksMethod method, String password, int level,
                                String email) {
    @Override
    public String toString() {
        return "ShadowsocksServer[" + address + ":" + port + ", method=" + method.canonical() + ", level=" + level + "]";
    }
}
