package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.Fnv1a32;
import dev.vtool.engine.vmess.VmessException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Response command 1 (dynamic port): host (empty = this server), port, new id, alterIds, level,
 * validity in minutes. Body on the wire: BE32(FNV-1a(D)) || D.
 */
public record SwitchAccountCommand(String host, int port, byte[] uuid, int alterIds, int level, int validMinutes) {
    public static final int ID = 1;

    public SwitchAccountCommand {
        host = host == null ? "" : host;
        uuid = uuid.clone();
    }

    @Override
    public byte[] uuid() {
        return uuid.clone();
    }

    /** The command body including its checksum; its length L must fit one byte. */
    public byte[] marshal() {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        byte[] h = host.getBytes(StandardCharsets.ISO_8859_1); // byte for byte what unmarshal read (Go strings are bytes)
        d.write(h.length);
        d.writeBytes(h);
        d.write(port >>> 8);
        d.write(port);
        d.writeBytes(uuid);
        d.write(alterIds >>> 8);
        d.write(alterIds);
        d.write(level);
        d.write(validMinutes);
        byte[] data = d.toByteArray();
        if (data.length + 4 > 255) {
            throw new IllegalArgumentException("Command too large.");
        }
        int fnv = Fnv1a32.hash(data);
        byte[] out = new byte[data.length + 4];
        out[0] = (byte) (fnv >>> 24);
        out[1] = (byte) (fnv >>> 16);
        out[2] = (byte) (fnv >>> 8);
        out[3] = (byte) fnv;
        System.arraycopy(data, 0, out, 4, data.length);
        return out;
    }

    public static SwitchAccountCommand unmarshal(byte[] body) throws VmessException {
        if (body.length <= 4) {
            throw new VmessException("insufficient length");
        }
        int stored = (body[0] & 0xFF) << 24 | (body[1] & 0xFF) << 16 | (body[2] & 0xFF) << 8 | (body[3] & 0xFF);
        if (Fnv1a32.hash(body, 4, body.length - 4) != stored) {
            throw new VmessException("invalid auth");
        }
        byte[] d = Arrays.copyOfRange(body, 4, body.length);
        int hostLen = d[0] & 0xFF;
        int need = 1 + hostLen + 2 + 16 + 2 + 1 + 1;
        if (d.length < need) {
            throw new VmessException("insufficient length.");
        }
        String host = new String(d, 1, hostLen, StandardCharsets.ISO_8859_1);
        int p = 1 + hostLen;
        int port = (d[p] & 0xFF) << 8 | (d[p + 1] & 0xFF);
        byte[] uuid = Arrays.copyOfRange(d, p + 2, p + 18);
        int alterIds = (d[p + 18] & 0xFF) << 8 | (d[p + 19] & 0xFF);
        return new SwitchAccountCommand(host, port, uuid, alterIds, d[p + 20] & 0xFF, d[p + 21] & 0xFF);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SwitchAccountCommand c && host.equals(c.host) && port == c.port && Arrays.equals(uuid, c.uuid)
                && alterIds == c.alterIds && level == c.level && validMinutes == c.validMinutes;
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(host, port, Arrays.hashCode(uuid), alterIds, level, validMinutes);
    }
}
