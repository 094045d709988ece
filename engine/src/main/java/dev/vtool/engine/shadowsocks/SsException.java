package dev.vtool.engine.shadowsocks;

/** A Shadowsocks request, response or datagram that does not decode; the message uses 4.34's words. */
public final class SsException extends Exception {
    public SsException(String message) {
        super(message);
    }
}
