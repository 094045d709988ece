package dev.vtool.engine.trojan;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** A Trojan password's wire form: the lowercase hex of its SHA-224, 56 ASCII characters. */
final class TrojanKey {
    static final int LENGTH = 56;

    private TrojanKey() {
    }

    static String of(String password) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-224").digest(password.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-224 is part of every Java runtime", e);
        }
    }
}
