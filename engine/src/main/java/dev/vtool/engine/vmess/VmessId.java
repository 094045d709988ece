package dev.vtool.engine.vmess;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A VMess id: the 16 UUID bytes and their command key {@code MD5(uuid || c48619fe-...)}. */
public final class VmessId {
    private static final byte[] CMD_KEY_SALT = "c48619fe-8f02-49e0-b9e9-edf763e17e21".getBytes(StandardCharsets.US_ASCII);

    private final byte[] uuid;
    private final byte[] cmdKey;

    public VmessId(byte[] uuid) {
        if (uuid.length != 16) {
            throw new IllegalArgumentException("a VMess id has 16 bytes, got " + uuid.length);
        }
        this.uuid = uuid.clone();
        this.cmdKey = Digests.md5(this.uuid, CMD_KEY_SALT);
    }

    /**
     * Parses the written UUID form: 32 hex digits, dashes optional. 4.34 maps no other strings to
     * ids, so anything else is refused with V2Ray's wording.
     */
    public static VmessId parse(String text) {
        return new VmessId(parseUuid(text));
    }

    public static byte[] parseUuid(String text) {
        String hex = text == null ? "" : text.replace("-", "");
        if (hex.length() != 32) {
            throw new IllegalArgumentException("invalid UUID: " + text);
        }
        byte[] out = new byte[16];
        for (int i = 0; i < 16; i++) {
            int hi = Character.digit(hex.charAt(2 * i), 16);
            int lo = Character.digit(hex.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0) {
                throw new IllegalArgumentException("invalid UUID: " + text);
            }
            out[i] = (byte) (hi << 4 | lo);
        }
        return out;
    }

    public byte[] uuid() {
        return uuid.clone();
    }

    public byte[] cmdKey() {
        return cmdKey.clone();
    }

    /** Internal fast access without a copy; callers must not modify. */
    public byte[] uuidUnsafe() {
        return uuid;
    }

    public byte[] cmdKeyUnsafe() {
        return cmdKey;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof VmessId && Arrays.equals(uuid, ((VmessId) o).uuid);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(uuid);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder(36);
        for (int i = 0; i < 16; i++) {
            if (i == 4 || i == 6 || i == 8 || i == 10) {
                sb.append('-');
            }
            sb.append(Character.forDigit((uuid[i] >> 4) & 0xF, 16)).append(Character.forDigit(uuid[i] & 0xF, 16));
        }
        return sb.toString();
    }
}
