package dev.vtool.schema.transport;

/** One network's settings ({@code tcpSettings}, {@code kcpSettings}, ...) with V2Ray 4.34's defaults applied. */
public interface TransportSettings {
    /** The canonical network name these settings belong to ({@code tcp}, {@code mkcp}, {@code websocket}, ...). */
    String network();
}
