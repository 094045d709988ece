package dev.vtool.engine.transport.kcp;

import dev.vtool.schema.transport.kcp.KcpSettings;

/** The values 4.34 derives from {@code kcpSettings} (integer arithmetic as in its config.go). */
record KcpParams(int mtu, int tti, int mss, int sendInFlight, int recvInFlight, int sendBuffer, boolean congestion) {
    static KcpParams of(KcpSettings s, int headerSize, int envelopeOverhead) {
        int mtu = s.mtu();
        int tti = s.tti();
        int mss = mtu - headerSize - envelopeOverhead - KcpSegment.DATA_OVERHEAD;
        return new KcpParams(mtu, tti, mss, inFlight(s.uplinkCapacity(), mtu, tti), inFlight(s.downlinkCapacity(), mtu, tti),
                (int) Math.max(1, s.writeBufferBytes() / mtu), s.congestion());
    }

    private static int inFlight(long capacityMb, int mtu, int tti) {
        long size = (capacityMb * 1024 * 1024 & 0xFFFFFFFFL) / mtu / (1000 / tti);
        return (int) Math.max(8, size);
    }
}
