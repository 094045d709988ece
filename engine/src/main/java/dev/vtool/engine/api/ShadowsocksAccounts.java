package dev.vtool.engine.api;

import java.io.IOException;

/** 4.34's {@code proxy.shadowsocks.Account}: password = 1, cipher_type = 2 (CipherType), as config-file methods. */
final class ShadowsocksAccounts {
    static final String TYPE = ProtoCommon.PREFIX + "proxy.shadowsocks.Account";
    /** CipherType by number: UNKNOWN = 0, AES_128_GCM = 1, AES_256_GCM = 2, CHACHA20_POLY1305 = 3, NONE = 4. */
    private static final String[] METHODS = {null, "aes-128-gcm", "aes-256-gcm", "chacha20-poly1305", "none"};

    private ShadowsocksAccounts() {
    }

    static String method(long cipherType) throws IOException {
        if (cipherType <= 0 || cipherType >= METHODS.length) {
            throw new IOException("shadowsocks cipher_type " + cipherType + " is not one of 4.34's ciphers");
        }
        return METHODS[(int) cipherType];
    }
}
