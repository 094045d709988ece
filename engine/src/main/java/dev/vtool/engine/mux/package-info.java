/**
 * Mux.cool as V2Ray 4.34 frames it (docs/spec/protocols.md section 6): many sessions, TCP streams and UDP
 * flows, carried over one proxy connection to {@code v1.mux.cool}.
 *
 * <p>A carrier connection is a {@link dev.vtool.engine.mux.MuxConnection} on a channel that already reads
 * and writes plain payload (the VMess codec sits below it). Each session is bridged to one endpoint: on
 * the client the application's connection, on the server the outbound's. Everything of one carrier runs
 * on its event loop; the client keeps its carriers per event loop, so a session never crosses loops.
 * A reverse portal's carrier ({@link dev.vtool.engine.mux.AcceptedMuxClient}) is the exception: the
 * bridge's link arrives on one loop and clients on any, so a session's endpoint handler hands what it
 * learns to the carrier's loop ({@code StreamBridge}'s endpoint side does this whenever the loops differ).
 */
package dev.vtool.engine.mux;
