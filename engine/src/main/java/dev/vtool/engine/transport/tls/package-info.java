/**
 * TLS ({@code security: "tls"}) as a {@link dev.vtool.engine.transport.SecurityLayer}: Netty's SslHandler
 * with the JDK provider (BoringSSL on request: {@link dev.vtool.engine.transport.tls.TlsProviders}); server certificates by SNI ({@link dev.vtool.engine.transport.tls.ServerCertificates},
 * or {@link dev.vtool.engine.transport.tls.IssuingCertificates} when a CA issues leaves), Go's ALPN choice
 * ({@link dev.vtool.engine.transport.tls.GoAlpn}), the client's roots as 4.34 builds them
 * ({@link dev.vtool.engine.transport.tls.ClientTrust}).
 */
package dev.vtool.engine.transport.tls;
