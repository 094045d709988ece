/**
 * QUIC ({@code network: "quic"}) as a {@link dev.vtool.engine.transport.StreamTransport} on Netty's quiche
 * codec, interoperating with Debian's 4.34 (quic-go 0.29, QUIC v1): 4.34's packet protection under QUIC
 * ({@link dev.vtool.engine.transport.quic.QuicPacketProtection}), its TLS setup
 * ({@link dev.vtool.engine.transport.quic.QuicTls}) and connection reuse
 * ({@link dev.vtool.engine.transport.quic.QuicConnections}).
 */
package dev.vtool.engine.transport.quic;
