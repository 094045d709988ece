package dev.vtool.engine.sniff;

import io.netty.buffer.ByteBuf;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/** Finds the Host header of an HTTP/1 request (V2Ray's {@code common/protocol/http/sniff.go}): protocol {@code http1}. */
public final class HttpSniffer {
    private static final String[] METHODS = {"get", "post", "head", "put", "delete", "options", "connect", "patch",
        "trace"};

    private HttpSniffer() {
    }

    public static SniffResult sniff(ByteBuf buf) {
        int n = Math.min(buf.readableBytes(), 4096);
        String text = buf.toString(buf.readerIndex(), n, StandardCharsets.ISO_8859_1);
        if (!startsWithMethod(text)) {
            return text.length() < 8 && couldStillBeMethod(text) ? SniffResult.NEED_MORE : SniffResult.NOT_THIS;
        }
        int pos = text.indexOf("\r\n");
        while (pos >= 0) {
            int next = text.indexOf("\r\n", pos + 2);
            if (next < 0) {
                return SniffResult.NEED_MORE;
            }
            String line = text.substring(pos + 2, next);
            if (line.isEmpty()) {
                return SniffResult.NOT_THIS; // end of headers without Host
            }
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("host")) {
                String host = line.substring(colon + 1).trim();
                return host.isEmpty() ? SniffResult.NOT_THIS : SniffResult.found("http1", stripPort(host));
            }
            pos = next;
        }
        return SniffResult.NEED_MORE;
    }

    private static boolean startsWithMethod(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String m : METHODS) {
            if (lower.startsWith(m + " ")) {
                return true;
            }
        }
        return false;
    }

    private static boolean couldStillBeMethod(String text) {
        String lower = text.toLowerCase(Locale.ROOT);
        for (String m : METHODS) {
            if ((m + " ").startsWith(lower)) {
                return true;
            }
        }
        return false;
    }

    static String stripPort(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end > 0 ? host.substring(1, end) : host;
        }
        int colon = host.lastIndexOf(':');
        if (colon > 0 && host.indexOf(':') == colon) {
            return host.substring(0, colon);
        }
        return host;
    }
}
