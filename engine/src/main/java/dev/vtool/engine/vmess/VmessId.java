package dev.vtool.engine.vmess;

import dev.vtool.schema.vmess.V2rayUuid;
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
     * Parses an id as V2Ray 4.34 does ({@link V2rayUuid}, the one UUID parser of vtool); anything 4.34
     * refuses is refused with its wording.
     *
     * @throws IllegalArgumentException with 4.34's error ("invalid UUID: ...", "encoding/hex: ...")
     */
    public static VmessId parse(String text) {
        V2rayUuid.Parse p = V2rayUuid.parse(text == null ? "" : text);
        if (!p.ok()) {
            throw new IllegalArgumentException(p.errorWithOutcome());
        }
        return new VmessId(p.bytes());
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
