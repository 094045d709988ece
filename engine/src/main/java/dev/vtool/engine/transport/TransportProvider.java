package dev.vtool.engine.transport;

/**
 * A transport package registers its {@link StreamTransport} (and/or {@link SecurityLayer}) here; providers
 * are found with {@link java.util.ServiceLoader}, listed in
 * {@code META-INF/services/dev.vtool.engine.transport.TransportProvider}, so adding a transport edits
 * no central switch.
 */
public interface TransportProvider {
    void register(TransportRegistry registry);
}
