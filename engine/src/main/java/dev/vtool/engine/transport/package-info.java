/**
 * How streams travel, below the proxy protocols (V2Ray's {@code transport/internet}).
 *
 * <p>A {@link dev.vtool.engine.transport.StreamTransport} per network ({@code tcp} in
 * {@code transport.tcp}) listens and dials; a {@link dev.vtool.engine.transport.SecurityLayer}
 * ({@code tls}) is applied by the transport where its framing needs it. Both are registered by a
 * {@link dev.vtool.engine.transport.TransportProvider} listed in
 * {@code META-INF/services/dev.vtool.engine.transport.TransportProvider} and looked up in the
 * {@link dev.vtool.engine.transport.TransportRegistry} by the names {@code streamSettings} selects.
 *
 * <p>Listening: the engine passes a {@link dev.vtool.engine.transport.ListenRequest} whose
 * {@link dev.vtool.engine.transport.ConnectionAcceptor} admits each raw connection (limits) and, once
 * the transport's handlers are in place, starts the inbound's session on the carried channel. Dialling:
 * an outbound calls {@link dev.vtool.engine.transport.Dialer#connect}, bound to its stream settings; the
 * transport opens raw TCP with the {@link dev.vtool.engine.transport.SystemDialer} and adds its layers.
 * Either way the proxy sees a channel of plain bytes and never learns how they were carried; mux will sit
 * above, on such channels. UDP of socks and dokodemo-door inbounds is not a stream transport
 * ({@code transport.udp}), as in 4.34.
 */
package dev.vtool.engine.transport;
