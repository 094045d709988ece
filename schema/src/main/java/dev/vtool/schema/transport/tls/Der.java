package dev.vtool.schema.transport.tls;

import java.io.ByteArrayOutputStream;

/** Just enough DER to wrap the older key forms (PKCS#1 RSA, SEC1 EC) into PKCS#8, which the JDK reads. */
final class Der {
    private static final byte[] RSA_ALGORITHM = {0x30, 0x0d, 0x06, 0x09, 0x2a, (byte) 0x86, 0x48, (byte) 0x86,
            (byte) 0xf7, 0x0d, 0x01, 0x01, 0x01, 0x05, 0x00};
    private static final byte[] EC_PUBLIC_KEY_OID = {0x06, 0x07, 0x2a, (byte) 0x86, 0x48, (byte) 0xce, 0x3d, 0x02, 0x01};

    private Der() {
    }

    static byte[] pkcs8FromPkcs1(byte[] pkcs1) {
        return sequence(concat(new byte[] {0x02, 0x01, 0x00}, RSA_ALGORITHM, tlv(0x04, pkcs1)));
    }

    /** SEC1 {@code ECPrivateKey} names its curve in {@code [0] parameters}; PKCS#8 wants it in the algorithm. */
    static byte[] pkcs8FromSec1(byte[] sec1) {
        int[] seq = header(sec1, 0, 0x30);
        int at = seq[0];
        int end = seq[0] + seq[1];
        at = skip(sec1, at, 0x02); // version
        at = skip(sec1, at, 0x04); // privateKey
        if (at >= end || (sec1[at] & 0xff) != 0xa0) {
            throw new IllegalArgumentException("EC key names no curve");
        }
        int[] params = header(sec1, at, 0xa0);
        byte[] curve = java.util.Arrays.copyOfRange(sec1, params[0], params[0] + params[1]);
        byte[] algorithm = sequence(concat(EC_PUBLIC_KEY_OID, curve));
        return sequence(concat(new byte[] {0x02, 0x01, 0x00}, algorithm, tlv(0x04, sec1)));
    }

    /** {offset of contents, length} of the element at {@code at}, which must have tag {@code tag}. */
    private static int[] header(byte[] b, int at, int tag) {
        if (at + 2 > b.length || (b[at] & 0xff) != tag) {
            throw new IllegalArgumentException("malformed DER");
        }
        int len = b[at + 1] & 0xff;
        int off = at + 2;
        if (len >= 0x80) {
            int n = len & 0x7f;
            if (n == 0 || n > 3 || off + n > b.length) {
                throw new IllegalArgumentException("malformed DER length");
            }
            len = 0;
            for (int i = 0; i < n; i++) {
                len = len << 8 | b[off++] & 0xff;
            }
        }
        if (off + len > b.length) {
            throw new IllegalArgumentException("truncated DER");
        }
        return new int[] {off, len};
    }

    private static int skip(byte[] b, int at, int tag) {
        int[] h = header(b, at, tag);
        return h[0] + h[1];
    }

    private static byte[] sequence(byte[] contents) {
        return tlv(0x30, contents);
    }

    private static byte[] tlv(int tag, byte[] contents) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(tag);
        int len = contents.length;
        if (len < 0x80) {
            out.write(len);
        } else if (len < 0x100) {
            out.write(0x81);
            out.write(len);
        } else if (len < 0x10000) {
            out.write(0x82);
            out.write(len >> 8);
            out.write(len);
        } else {
            out.write(0x83);
            out.write(len >> 16);
            out.write(len >> 8);
            out.write(len);
        }
        out.writeBytes(contents);
        return out.toByteArray();
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }
}
