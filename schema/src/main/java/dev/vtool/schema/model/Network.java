package dev.vtool.schema.model;

/** Transport-layer network of a connection, as V2Ray names it in routing rules and access logs. */
public enum Network {
    TCP, UDP;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
