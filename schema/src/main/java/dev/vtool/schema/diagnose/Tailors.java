package dev.vtool.schema.diagnose;

import java.util.Map;
import java.util.Set;

/** The config-aware checks an entry's {@code tailor} key may name. */
public final class Tailors {
    private static final Map<String, Tailor> BY_NAME = Map.of(
            "vmess-users", new VmessUsersTailor(),
            "vmess-refused", new VmessRefusedTailor(),
            "socks-inbound", new WrongProxyTypeTailor("socks"),
            "http-inbound", new WrongProxyTypeTailor("http"),
            "port-in-use", new PortTailor(),
            "certificate-file", new CertificateFileTailor());

    private Tailors() {
    }

    /** The tailor of that name, or null (also for a null name). */
    public static Tailor get(String name) {
        return name == null ? null : BY_NAME.get(name);
    }

    public static Set<String> names() {
        return BY_NAME.keySet();
    }
}
