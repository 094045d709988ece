package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.Fnv1a32;
import dev.vtool.engine.vmess.RequestCommand;
import io.netty.util.NetUtil;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The request instruction plaintext (docs/spec/vmess.md 3.1): version, IV, key, V, options, P|security,
 * reserved, command, port, address, P padding bytes, FNV-1a of everything before it.
 * Parsing is progressive so a CFB-encrypted header can be decrypted exactly as far as it goes.
 */
public final class RequestPlaintext {
    public static final int FIXED_PART = 38;
    /** 38 + port 2 + type 1 + length 1 + domain 255 + padding 15 + checksum 4. */
    public static final int MAX_LENGTH = 316;

    private RequestPlaintext() {
    }

    public static byte[] encode(RequestHeader h, byte[] padding) {
        if (padding.length > 15) {
            throw new IllegalArgumentException("header padding is 0..15 bytes");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(96);
        out.write(h.version());
        out.writeBytes(h.bodyIv());
        out.writeBytes(h.bodyKey());
        out.write(h.responseAuth());
        out.write(h.options());
        out.write(padding.length << 4 | h.security().wire());
        out.write(0);
        out.write(h.command().wire());
        if (h.command() != RequestCommand.MUX) {
            RequestTarget t = h.target();
            out.write(t.port() >>> 8);
            out.write(t.port());
            if (t.domain() != null) {
                byte[] d = t.domain().getBytes(StandardCharsets.US_ASCII);
                if (d.length > 255) {
                    throw new IllegalArgumentException("Super long domain is not supported: " + t.domain());
                }
                out.write(2);
                out.write(d.length);
                out.writeBytes(d);
            } else {
                out.write(t.ip().length == 4 ? 1 : 3);
                out.writeBytes(t.ip());
            }
        }
        out.writeBytes(padding);
        byte[] body = out.toByteArray();
        int fnv = Fnv1a32.hash(body);
        out.write(fnv >>> 24);
        out.write(fnv >>> 16);
        out.write(fnv >>> 8);
        out.write(fnv);
        return out.toByteArray();
    }

    /**
     * Total plaintext length implied by the first {@code have} bytes: a stage boundary beyond
     * {@code have} while fields are still unknown, the final length once it is determined.
     */
    public static int requiredLength(byte[] pt, int have) {
        if (have < FIXED_PART) {
            return FIXED_PART;
        }
        int padding = (pt[35] & 0xFF) >>> 4;
        int command = pt[37] & 0xFF;
        int addressEnd;
        if (command != RequestCommand.TCP.wire() && command != RequestCommand.UDP.wire()) {
            addressEnd = FIXED_PART;
        } else if (have < FIXED_PART + 3) {
            return FIXED_PART + 3;
        } else {
            switch (pt[40]) {
                case 1:
                    addressEnd = 45;
                    break;
                case 3:
                    addressEnd = 57;
                    break;
                case 2:
                    if (have < 42) {
                        return 42;
                    }
                    addressEnd = 42 + (pt[41] & 0xFF);
                    break;
                default:
                    addressEnd = 41; // 4.34 stops after the unknown type byte
            }
        }
        if (have < addressEnd) {
            return addressEnd;
        }
        return addressEnd + padding + 4;
    }

    /** True once {@code have} covers the whole plaintext. */
    public static boolean complete(byte[] pt, int have) {
        return have >= FIXED_PART && requiredLength(pt, have) <= have;
    }

    /** The checksum over [0, length-4) equals the stored one. */
    public static boolean checksumOk(byte[] pt, int length) {
        int stored = (pt[length - 4] & 0xFF) << 24 | (pt[length - 3] & 0xFF) << 16 | (pt[length - 2] & 0xFF) << 8 | (pt[length - 1] & 0xFF);
        return Fnv1a32.hash(pt, 0, length - 4) == stored;
    }

    /**
     * The address of a complete TCP/UDP plaintext, or null with the reason in {@code error[0]}
     * (4.34 remembers the error and reports "invalid remote address" after the checksum passed).
     */
    public static RequestTarget parseTarget(byte[] pt, String[] error) {
        int command = pt[37] & 0xFF;
        if (command == RequestCommand.MUX.wire()) {
            return RequestTarget.MUX;
        }
        if (command != RequestCommand.TCP.wire() && command != RequestCommand.UDP.wire()) {
            error[0] = "unknown command: " + command;
            return null;
        }
        int port = (pt[38] & 0xFF) << 8 | (pt[39] & 0xFF);
        switch (pt[40]) {
            case 1:
                return RequestTarget.ip(java.util.Arrays.copyOfRange(pt, 41, 45), port);
            case 3:
                return RequestTarget.ip(java.util.Arrays.copyOfRange(pt, 41, 57), port);
            case 2: {
                int len = pt[41] & 0xFF;
                if (len == 0) {
                    error[0] = "invalid domain name: ";
                    return null;
                }
                String domain = new String(pt, 42, len, StandardCharsets.ISO_8859_1);
                char first = domain.charAt(0);
                if (first == '[' || (first >= '0' && first <= '9')) {
                    String literal = domain;
                    if (literal.startsWith("[") && literal.endsWith("]")) {
                        literal = literal.substring(1, literal.length() - 1);
                    }
                    byte[] ip = NetUtil.createByteArrayFromIpAddressString(literal);
                    if (ip != null) {
                        return RequestTarget.ip(ip, port);
                    }
                }
                if (!validDomain(domain)) {
                    error[0] = "invalid domain name: " + domain;
                    return null;
                }
                return RequestTarget.domain(domain, port);
            }
            default:
                error[0] = "unknown address type: " + (pt[40] & 0xFF);
                return null;
        }
    }

    static boolean validDomain(String d) {
        for (int i = 0; i < d.length(); i++) {
            char c = d.charAt(i);
            boolean ok = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '.' || c == '_';
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
