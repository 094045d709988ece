/**
 * mKCP ({@code network: "kcp"}) as a {@link dev.vtool.engine.transport.StreamTransport}, in 4.34's own
 * framing: segments ({@link dev.vtool.engine.transport.kcp.KcpSegment}), the envelope
 * ({@link dev.vtool.engine.transport.kcp.KcpEnvelope}), the camouflage headers
 * ({@link dev.vtool.engine.transport.kcp.PacketHeader}), the reliability state
 * ({@link dev.vtool.engine.transport.kcp.KcpSession}) and the stream as a Netty channel
 * ({@link dev.vtool.engine.transport.kcp.KcpChannel}).
 */
package dev.vtool.engine.transport.kcp;
