package dev.vtool.schema.transport.kcp;

import dev.vtool.schema.transport.TransportSettings;

/**
 * {@code kcpSettings} (mKCP over UDP), with 4.34's defaults.
 *
 * @param readBufferBytes  {@code readBufferSize} MiB in bytes (4.34: 0 means 512 KiB)
 * @param writeBufferBytes {@code writeBufferSize} MiB in bytes (4.34: 0 means 512 KiB)
 * @param headerType       packet header camouflage: none, srtp, utp, wechat-video, dtls, wireguard
 * @param seed             obfuscation seed, or null (then the simple authenticator is used)
 */
public record KcpSettings(int mtu, int tti, long uplinkCapacity, long downlinkCapacity, boolean congestion,
                          long readBufferBytes, long writeBufferBytes, String headerType, String seed)
        implements TransportSettings {
    public static final KcpSettings DEFAULT = new KcpSettings(1350, 50, 5, 20, false, 2 * 1024 * 1024,
            2 * 1024 * 1024, "none", null);

    @Override
    public String network() {
        return "mkcp";
    }
}
