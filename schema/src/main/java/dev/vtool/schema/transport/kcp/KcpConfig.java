package dev.vtool.schema.transport.kcp;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.HeaderType;
import dev.vtool.schema.transport.NetworkConfig;
import dev.vtool.schema.transport.TransportSettings;
import java.util.List;

/** mKCP: reliable streams over UDP. */
public final class KcpConfig implements NetworkConfig {
    private static final long U32 = 0xFFFFFFFFL;

    @Override
    public String name() {
        return "mkcp";
    }

    @Override
    public List<String> spellings() {
        return List.of("kcp", "mkcp");
    }

    @Override
    public String settingsKey() {
        return "kcpSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public TransportSettings defaults() {
        return KcpSettings.DEFAULT;
    }

    @Override
    public TransportSettings parse(ConfigNode s) throws ConfigModelException {
        KcpSettings d = KcpSettings.DEFAULT;
        long mtu = s.number("mtu", d.mtu(), 0, U32);
        if (mtu < 576 || mtu > 1460) {
            throw s.get("mtu").error("invalid mKCP MTU size: " + mtu);
        }
        long tti = s.number("tti", d.tti(), 0, U32);
        if (tti < 10 || tti > 100) {
            throw s.get("tti").error("invalid mKCP TTI: " + tti);
        }
        return new KcpSettings((int) mtu, (int) tti, s.number("uplinkCapacity", d.uplinkCapacity(), 0, U32),
                s.number("downlinkCapacity", d.downlinkCapacity(), 0, U32), s.bool("congestion"),
                buffer(s, "readBufferSize", d.readBufferBytes()), buffer(s, "writeBufferSize", d.writeBufferBytes()),
                HeaderType.read(s, HeaderType.PACKET, "invalid mKCP header config."), s.string("seed", null));
    }

    private static long buffer(ConfigNode s, String key, long fallback) throws ConfigModelException {
        if (!s.has(key)) {
            return fallback;
        }
        long mib = s.number(key, 0, 0, U32);
        // 4.34 multiplies in uint32, so large values wrap around
        return mib > 0 ? (mib * 1024 * 1024) & U32 : 512 * 1024;
    }
}
