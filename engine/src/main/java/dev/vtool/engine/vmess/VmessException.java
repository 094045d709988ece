package dev.vtool.engine.vmess;

import java.io.IOException;

/**
 * Every way a VMess peer can fail to decode: bad auth, tampered tags, truncated or oversized fields.
 * Messages use V2Ray 4.34's own words where it has them. {@link #drain()} tells a server whether V2Ray
 * keeps reading (drains) before closing for this failure, instead of closing at once.
 */
public class VmessException extends IOException {
    private static final long serialVersionUID = 1L;

    private final boolean drain;

    public VmessException(String message) {
        this(message, false, null);
    }

    public VmessException(String message, boolean drain) {
        this(message, drain, null);
    }

    public VmessException(String message, boolean drain, Throwable cause) {
        super(message, cause);
        this.drain = drain;
    }

    /** True when a server should drain the connection before closing (V2Ray's probing defence). */
    public boolean drain() {
        return drain;
    }
}
