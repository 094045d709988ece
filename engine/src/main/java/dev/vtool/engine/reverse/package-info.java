/**
 * V2Ray 4.34's reverse proxy ({@code reverse.bridges}/{@code portals}), on Mux.cool.
 *
 * <p>A {@link dev.vtool.engine.reverse.Bridge} dials its domain through routing (its tag is the inbound
 * tag) and serves the link as a Mux.cool <em>server</em>: the portal opens the sessions, each dispatched
 * from the bridge's tag, plus one control stream to {@code reverse.internal.v2ray.com} carrying
 * {@link dev.vtool.engine.reverse.ReverseControl} messages. A {@link dev.vtool.engine.reverse.Portal} is an
 * outbound: a connection routed to it whose destination is its domain is a bridge's link, on which it is
 * the Mux.cool <em>client</em>; any other connection becomes a session on the least busy link.
 */
package dev.vtool.engine.reverse;
