package dev.vtool.engine;

/**
 * A protocol package registers its inbound/outbound factories here; providers are found with
 * {@link java.util.ServiceLoader} (listed in {@code META-INF/services/dev.vtool.engine.ProtocolProvider}),
 * so adding a protocol never edits a central switch.
 */
public interface ProtocolProvider {
    void register(ProtocolRegistry registry);
}
