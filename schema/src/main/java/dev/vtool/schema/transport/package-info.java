/**
 * {@code streamSettings} and the top-level {@code transport} section as V2Ray 4.34 reads them.
 *
 * <p>{@link dev.vtool.schema.transport.StreamSettingsParser} turns an inbound's or outbound's
 * {@code streamSettings} into a typed {@link dev.vtool.schema.transport.StreamSettings}: the carrying
 * network with its effective settings (the stream's own object, else the {@code transport} section's, else
 * 4.34's defaults), the security layer's settings and the socket options. What 4.34 rejects is thrown as a
 * positioned error; what 4.34 runs but vtool cannot yet is reported by name to a sink the caller passes.
 *
 * <p>Adding a network: a package here with its settings record and a
 * {@link dev.vtool.schema.transport.NetworkConfig} (spellings, settings key, parser, defaults, what it
 * cannot run yet), listed in {@code META-INF/services/dev.vtool.schema.transport.NetworkConfig}; the engine
 * side registers a {@code dev.vtool.engine.transport.StreamTransport} under the same name. A security layer
 * works the same way through {@link dev.vtool.schema.transport.SecurityConfig}.
 */
package dev.vtool.schema.transport;
