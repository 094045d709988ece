package dev.vtool.engine.sniff;

/**
 * What a sniffer found in the first bytes: the protocol name V2Ray uses ({@code http1}, {@code tls}) and
 * the domain (Host header or SNI) — or that it needs more bytes, or that the bytes are something else.
 */
public record SniffResult(Status status, String protocol, String domain) {
    public enum Status { FOUND, NEED_MORE, NOT_THIS }

    public static final SniffResult NEED_MORE = new SniffResult(Status.NEED_MORE, "", "");
    public static final SniffResult NOT_THIS = new SniffResult(Status.NOT_THIS, "", "");

    public static SniffResult found(String protocol, String domain) {
        return new SniffResult(Status.FOUND, protocol, domain);
    }

    public boolean found() {
        return status == Status.FOUND;
    }
}
