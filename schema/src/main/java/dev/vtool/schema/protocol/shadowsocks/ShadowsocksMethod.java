package dev.vtool.schema.protocol.shadowsocks;

import java.util.Locale;

/**
 * The Shadowsocks methods of V2Ray 4.34 and the spellings it accepts for each (case-insensitive): AEAD
 * ciphers and {@code none}. Every stream cipher, {@code xchacha20-*} and the 2022 methods are unknown to it.
 */
public enum ShadowsocksMethod {
    AES_128_GCM("aes-128-gcm", 16, "aes-128-gcm", "aead_aes_128_gcm"),
    AES_256_GCM("aes-256-gcm", 32, "aes-256-gcm", "aead_aes_256_gcm"),
    CHACHA20_POLY1305("chacha20-poly1305", 32, "chacha20-poly1305", "aead_chacha20_poly1305", "chacha20-ietf-poly1305"),
    NONE("none", 0, "none", "plain");

    private final String canonical;
    private final int keySize;
    private final String[] spellings;

    ShadowsocksMethod(String canonical, int keySize, String... spellings) {
        this.canonical = canonical;
        this.keySize = keySize;
        this.spellings = spellings;
    }

    /** The name vtool writes (4.34's first spelling). */
    public String canonical() {
        return canonical;
    }

    /** Key size = salt size in bytes; 0 for {@code none}. */
    public int keySize() {
        return keySize;
    }

    public boolean aead() {
        return keySize > 0;
    }

    /** The method a spelling names (any case), or null where 4.34 says "unknown cipher method". */
    public static ShadowsocksMethod byName(String name) {
        if (name == null) {
            return null;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (ShadowsocksMethod m : values()) {
            for (String s : m.spellings) {
                if (s.equals(lower)) {
                    return m;
                }
            }
        }
        return null;
    }
}
