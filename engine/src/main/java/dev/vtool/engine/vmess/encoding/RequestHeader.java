package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.RequestCommand;
import dev.vtool.engine.vmess.SecurityType;
import java.util.Arrays;

/**
 * A decoded (or to-be-encoded) request instruction, minus padding and checksum.
 *
 * @param responseAuth V, echoed by the server in its response header
 */
public record RequestHeader(int version, byte[] bodyIv, byte[] bodyKey, int responseAuth, int options,
                            SecurityType security, RequestCommand command, RequestTarget target) {
    public RequestHeader {
        if (bodyIv.length != 16 || bodyKey.length != 16) {
            throw new IllegalArgumentException("body key and IV have 16 bytes");
        }
        bodyIv = bodyIv.clone();
        bodyKey = bodyKey.clone();
    }

    @Override
    public byte[] bodyIv() {
        return bodyIv.clone();
    }

    @Override
    public byte[] bodyKey() {
        return bodyKey.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RequestHeader h && version == h.version && responseAuth == h.responseAuth
                && options == h.options && security == h.security && command == h.command
                && Arrays.equals(bodyIv, h.bodyIv) && Arrays.equals(bodyKey, h.bodyKey)
                && java.util.Objects.equals(target, h.target);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(version, responseAuth, options, security, command, target, Arrays.hashCode(bodyIv));
    }

    @Override
    public String toString() {
        return "RequestHeader[" + command + " " + target + ", security " + security + ", options 0x"
                + Integer.toHexString(options) + "]";
    }
}
