package dev.vtool.engine.sniff;

import io.netty.buffer.ByteBuf;

/** Tries every known sniffer on the first bytes of a stream. */
public final class Sniffer {
    /** How many bytes we wait for at most, and for how long (V2Ray: two 100 ms reads). */
    public static final int MAX_BYTES = 2048;
    public static final long WAIT_MILLIS = 200;

    private Sniffer() {
    }

    public static SniffResult sniff(ByteBuf buf) {
        SniffResult http = HttpSniffer.sniff(buf);
        if (http.found()) {
            return http;
        }
        SniffResult tls = TlsSniffer.sniff(buf);
        if (tls.found()) {
            return tls;
        }
        if (http.status() == SniffResult.Status.NEED_MORE || tls.status() == SniffResult.Status.NEED_MORE) {
            return SniffResult.NEED_MORE;
        }
        return SniffResult.NOT_THIS;
    }
}
