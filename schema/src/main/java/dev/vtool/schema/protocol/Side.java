package dev.vtool.schema.protocol;

/** Where a protocol id may stand: in {@code inbounds} or in {@code outbounds}. */
public enum Side {
    INBOUND("inbound"), OUTBOUND("outbound");

    private final String word;

    Side(String word) {
        this.word = word;
    }

    /** {@code inbound} / {@code outbound}, for messages. */
    public String word() {
        return word;
    }
}
