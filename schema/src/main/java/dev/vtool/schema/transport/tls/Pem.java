package dev.vtool.schema.transport.tls;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** PEM blocks ({@code -----BEGIN TYPE----- base64 -----END TYPE-----}), as Go's {@code pem.Decode} finds them. */
public final class Pem {
    /** One block: its type ({@code CERTIFICATE}, {@code PRIVATE KEY}, ...) and DER bytes. */
    public record Block(String type, byte[] der) {
    }

    private Pem() {
    }

    /** Every well-formed block in order; text around and between blocks is ignored, as Go ignores it. */
    public static List<Block> blocks(String text) throws IllegalArgumentException {
        List<Block> out = new ArrayList<>();
        int at = 0;
        while (true) {
            int begin = text.indexOf("-----BEGIN ", at);
            if (begin < 0) {
                return out;
            }
            int typeEnd = text.indexOf("-----", begin + 11);
            if (typeEnd < 0) {
                return out;
            }
            String type = text.substring(begin + 11, typeEnd);
            String endMarker = "-----END " + type + "-----";
            int end = text.indexOf(endMarker, typeEnd + 5);
            if (end < 0) {
                throw new IllegalArgumentException("PEM block " + type + " has no END line");
            }
            String body = text.substring(typeEnd + 5, end);
            if (body.contains(":")) {
                throw new IllegalArgumentException("PEM block " + type + " is encrypted (has headers); vtool needs "
                        + "an unencrypted key, as V2Ray does");
            }
            try {
                out.add(new Block(type, Base64.getMimeDecoder().decode(body.strip())));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PEM block " + type + " is not valid base64");
            }
            at = end + endMarker.length();
        }
    }
}
