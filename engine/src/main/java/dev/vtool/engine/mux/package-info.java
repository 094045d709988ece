/**
 * Mux.cool as V2Ray 4.34 frames it (docs/spec/protocols.md section 6): many sessions, TCP streams and UDP
 * flows, carried over one proxy connection to {@code v1.mux.cool}.
 *
 * <p>A carrier connection is a {@link dev.vtool.engine.mux.MuxConnection} on a channel that already reads
 * and writes plain payload (the VMess codec sits below it). Each session is bridged to one endpoint: on
 * the client the application's connection, on the server the outbound's. Everything of one carrier runs
 * on its event loop; the client keeps its carriers per event loop, so a session never crosses loops.
 */
package dev.vtool.engine.mux;
