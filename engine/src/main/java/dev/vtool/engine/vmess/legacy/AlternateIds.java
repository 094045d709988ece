package dev.vtool.engine.vmess.legacy;

import dev.vtool.engine.vmess.Digests;
import dev.vtool.engine.vmess.VmessId;
import java.nio.charset.StandardCharsets;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The chain of alternate ids a user with alterId = n owns (common/protocol/id.go). */
public final class AlternateIds {
    private static final byte[] SALT = "16167dc8-16b6-4e6d-b8bb-65dd68113a81".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RETRY_SALT = "533eff8a-4113-4b10-b5ce-0f5d76b98cd2".getBytes(StandardCharsets.US_ASCII);

    private AlternateIds() {
    }

    public static List<VmessId> generate(VmessId primary, int count) {
        List<VmessId> out = new ArrayList<>(count);
        byte[] prev = primary.uuid();
        for (int i = 0; i < count; i++) {
            MessageDigest md = Digests.md5();
            md.update(prev);
            md.update(SALT);
            byte[] next = digestWithoutReset(md);
            // Go's hash.Sum does not reset the state: the retry salt extends the running input.
            while (Arrays.equals(next, prev)) {
                md.update(RETRY_SALT);
                next = digestWithoutReset(md);
            }
            out.add(new VmessId(next));
            prev = next;
        }
        return out;
    }

    private static byte[] digestWithoutReset(MessageDigest md) {
        try {
            MessageDigest copy = (MessageDigest) md.clone();
            byte[] out = new byte[16];
            copy.digest(out, 0, 16);
            return out;
        } catch (CloneNotSupportedException | DigestException e) {
            throw new IllegalStateException("MD5 cannot be cloned", e);
        }
    }
}
