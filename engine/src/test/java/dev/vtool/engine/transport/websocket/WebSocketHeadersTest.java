package dev.vtool.engine.transport.websocket;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Configured client headers are sent with Go's canonical names, as 4.34's client sends them. */
class WebSocketHeadersTest {
    @Test
    void headerNamesAreCanonicalisedAsGoDoes() {
        assertEquals("X-Test", WebSocketTransport.canonical("x-test"));
        assertEquals("Host", WebSocketTransport.canonical("HOST"));
        assertEquals("Sec-Websocket-Protocol", WebSocketTransport.canonical("sec-websocket-protocol"));
        assertEquals("bad name", WebSocketTransport.canonical("bad name"));
    }
}
