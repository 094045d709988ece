package dev.vtool.engine.vmess;

import java.util.Locale;

/** The body security nibble of a VMess request (common/protocol/headers.proto in 4.34). */
public enum SecurityType {
    UNKNOWN(0), LEGACY(1), AUTO(2), AES_128_GCM(3), CHACHA20_POLY1305(4), NONE(5);

    private final int wire;

    SecurityType(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** Values 0..5 as V2Ray names them; anything else (4.34 has no "zero") is UNKNOWN. */
    public static SecurityType fromWire(int value) {
        for (SecurityType t : values()) {
            if (t.wire == value) {
                return t;
            }
        }
        return UNKNOWN;
    }

    /**
     * The server's reading of the nibble: 0 is taken as LEGACY for backward compatibility,
     * values 6..15 stay UNKNOWN and are refused later.
     */
    public static SecurityType fromRequestNibble(int nibble) {
        if (nibble == 0) {
            return LEGACY;
        }
        return fromWire(nibble);
    }

    /**
     * JSON {@code security} as 4.34 reads it: aes-128-gcm, chacha20-poly1305, none, auto (any case);
     * every other string, including aes-128-cfb and zero, silently means auto. Auto is resolved here.
     */
    public static SecurityType fromConfig(String name) {
        String n = name == null ? "" : name.toLowerCase(Locale.ROOT);
        switch (n) {
            case "aes-128-gcm":
                return AES_128_GCM;
            case "chacha20-poly1305":
                return CHACHA20_POLY1305;
            case "none":
                return NONE;
            default:
                return resolveAuto(System.getProperty("os.arch", ""));
        }
    }

    /** 4.34 resolves auto to AES-128-GCM on amd64, arm64 and s390x, ChaCha20-Poly1305 elsewhere. */
    public static SecurityType resolveAuto(String javaOsArch) {
        String a = javaOsArch.toLowerCase(Locale.ROOT);
        if (a.equals("amd64") || a.equals("x86_64") || a.equals("aarch64") || a.equals("arm64") || a.equals("s390x")) {
            return AES_128_GCM;
        }
        return CHACHA20_POLY1305;
    }
}
