/**
 * vtool's proxy engine: V2Ray 4.34 semantics on Netty.
 *
 * <p>Flow of a connection: the stream transport of the inbound's {@code streamSettings}
 * ({@link dev.vtool.engine.transport}) accepts it and {@code InboundWorker} hands it to the inbound's
 * {@link dev.vtool.engine.InboundHandler}; after the protocol handshake the inbound sets the destination in
 * the {@link dev.vtool.engine.Session} and calls {@link dev.vtool.engine.Dispatcher#dispatch}, which sniffs,
 * routes and passes a {@link dev.vtool.engine.Link} to the chosen {@link dev.vtool.engine.OutboundHandler}.
 *
 * <p>Adding a protocol (e.g. VMess): implement {@link dev.vtool.engine.ProtocolProvider}, register factories
 * by protocol id and list the provider in {@code META-INF/services/dev.vtool.engine.ProtocolProvider}.
 * <ul>
 *   <li>Inbound: decode the request header in the pipeline; then set {@code session.destination(..)},
 *       {@code session.userEmail(..)} and {@code session.policy(context.policy(level))}, call
 *       {@code HandshakeDeadline.clear(ch)} and {@code ChannelLink.takeOver(ch, ..)}, remove the header
 *       decoder but keep the body codec (its reads are then payload, and relay writes pass its encoder),
 *       and dispatch.</li>
 *   <li>Outbound: {@code context.dialer().connect(link.eventLoop(), host, port, sendThrough, session.policy())}
 *       (the dialer carries the stream over the outbound's {@code streamSettings}),
 *       add the codec that writes the request header and frames the body, then
 *       {@code link.relayTo(channel)}.</li>
 * </ul>
 *
 * <p>Adding a transport: see {@link dev.vtool.engine.transport}.
 */
package dev.vtool.engine;
