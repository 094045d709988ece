package dev.vtool.schema.model;

/**
 * An inbound's {@code allocate}: {@code always} listens on every port of the range; {@code random} listens on
 * {@code concurrency} random ports of it, a new set every {@code refresh} minutes, each set kept for two
 * refresh periods (4.34's dynamic inbound; defaults 3 and 5).
 */
public record Allocation(boolean random, int refreshMinutes, int concurrency) {
    public static final Allocation ALWAYS = new Allocation(false, 5, 3);
}
