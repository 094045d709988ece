package dev.vtool.engine.fallback;

import dev.vtool.schema.protocol.fallback.Fallback;
import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code fallbacks} of one inbound as 4.34 looks them up: alpn, then path, then the entry
 * (docs/spec/protocols.md, section 5). Entries without an alpn are copied into every other alpn's
 * table for each path it lacks; a later entry with the same alpn and path replaces an earlier one.
 */
public final class FallbackTable {
    private static final int PATH_SEARCH_LIMIT = 64;
    private final Map<String, Map<String, Fallback>> byAlpn = new LinkedHashMap<>();

    public FallbackTable(List<Fallback> fallbacks) {
        for (Fallback fb : fallbacks) {
            byAlpn.computeIfAbsent(fb.alpn(), k -> new HashMap<>()).put(fb.path(), fb);
        }
        Map<String, Fallback> any = byAlpn.get("");
        if (any != null) {
            for (Map.Entry<String, Map<String, Fallback>> e : byAlpn.entrySet()) {
                if (!e.getKey().isEmpty()) {
                    any.forEach(e.getValue()::putIfAbsent);
                }
            }
        }
    }

    public boolean isEmpty() {
        return byAlpn.isEmpty();
    }

    /** Thrown when no entry fits; the message is 4.34's. */
    public static final class NoFallback extends Exception {
        NoFallback(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The entry for a connection whose TLS negotiated {@code alpn} ("" for none or no TLS) and whose
     * first read is {@code first} (not consumed).
     */
    public Fallback choose(String alpn, ByteBuf first) throws NoFallback {
        String a = "";
        if (byAlpn.size() > 1 || !byAlpn.containsKey("")) {
            a = byAlpn.containsKey(alpn) ? alpn : "";
        }
        Map<String, Fallback> byPath = byAlpn.get(a);
        if (byPath == null) {
            throw new NoFallback("failed to find the default \"alpn\" config");
        }
        String path = "";
        if (byPath.size() > 1 || !byPath.containsKey("")) {
            String requested = requestPath(first);
            if (requested != null && byPath.containsKey(requested)) {
                path = requested;
            }
        }
        Fallback fb = byPath.get(path);
        if (fb == null) {
            throw new NoFallback("failed to find the default \"path\" config");
        }
        return fb;
    }

    /**
     * The path of an HTTP/1 request line as 4.34 finds it: the first {@code /} after a space at offsets
     * 4..8, up to the next space before byte 64; null when there is none (also for an HTTP/2 preface).
     */
    static String requestPath(ByteBuf first) {
        int n = first.readableBytes();
        int base = first.readerIndex();
        if (n < 18 || first.getByte(base + 4) == '*') {
            return null;
        }
        for (int i = 4; i <= 8; i++) {
            if (first.getByte(base + i) == '/' && first.getByte(base + i - 1) == ' ') {
                int search = Math.min(n, PATH_SEARCH_LIMIT);
                for (int j = i + 1; j < search; j++) {
                    byte k = first.getByte(base + j);
                    if (k == '\r' || k == '\n') {
                        return null;
                    }
                    if (k == ' ') {
                        return first.toString(base + i, j - i, StandardCharsets.ISO_8859_1);
                    }
                }
                return null;
            }
        }
        return null;
    }
}
