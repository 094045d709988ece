/**
 * WebSocket ({@code network: "ws"}) as a {@link dev.vtool.engine.transport.StreamTransport}: the server's
 * upgrade with 4.34's checks ({@link dev.vtool.engine.transport.websocket.WebSocketUpgrade}), the client's
 * ({@link dev.vtool.engine.transport.websocket.WebSocketDial}), and the stream as binary messages once
 * upgraded ({@link dev.vtool.engine.transport.websocket.WebSocketStream}).
 */
package dev.vtool.engine.transport.websocket;
