package dev.vtool.schema.diagnose;

/** Lines no entry recognised that look alike once numbers and addresses are masked. */
public final class UnrecognisedGroup {
    private final String shape;
    private final LogLine example;
    private final int order;
    private long count;

    UnrecognisedGroup(String shape, LogLine example, int order) {
        this.shape = shape;
        this.example = example;
        this.order = order;
    }

    void add() {
        count++;
    }

    /** The message with numbers, IPs, ports and ids masked ({@code <n>}, {@code <ip>}, {@code <uuid>}). */
    public String shape() {
        return shape;
    }

    public LogLine example() {
        return example;
    }

    public long count() {
        return count;
    }

    int order() {
        return order;
    }
}
