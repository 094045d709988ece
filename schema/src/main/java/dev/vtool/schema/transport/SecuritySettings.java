package dev.vtool.schema.transport;

/** The settings of a security layer a transport applies to its connections ({@code tlsSettings}). */
public interface SecuritySettings {
    /** The layer's name as {@code streamSettings.security} selects it ({@code tls}). */
    String security();
}
