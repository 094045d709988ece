/**
 * HTTP/2 ({@code network: "h2"} / {@code "http"}) as a {@link dev.vtool.engine.transport.StreamTransport}:
 * one request stream per proxied connection, {@code PUT} on the configured path, as 4.34 speaks it. The
 * server checks each stream's {@code :authority} and path ({@link dev.vtool.engine.transport.http.H2StreamRequest});
 * the client keeps one connection per destination and event loop ({@link dev.vtool.engine.transport.http.H2Connections});
 * the stream's DATA frames are the carried bytes ({@link dev.vtool.engine.transport.http.H2StreamBytes}).
 */
package dev.vtool.engine.transport.http;
