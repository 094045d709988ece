/**
 * The config side of the protocol seam. Each protocol is one subpackage ({@code socks}, {@code http},
 * {@code dokodemo}, {@code vmess}, {@code shadowsocks}, {@code trojan}, {@code vless}, {@code freedom},
 * {@code blackhole}; and {@code mtproto}, {@code dns}, which 4.34 has and vtool run does not
 * run yet) holding its {@link dev.vtool.schema.protocol.ConfigProtocol}: id, sides, whether run supports
 * it, the {@code settings} parser with its typed settings records, and its own lint rules.
 *
 * <p>Adding a protocol: a subpackage here with a {@code ConfigProtocol} (listed in
 * {@code META-INF/services/dev.vtool.schema.protocol.ConfigProtocol}), and a package in the engine with a
 * {@code dev.vtool.engine.ProtocolProvider} (listed in the engine's
 * {@code META-INF/services/dev.vtool.engine.ProtocolProvider}). Nothing else changes: lint's protocol
 * check and the JSON Schema's protocol enums, the run model builder and the engine all read these lists.
 * A not-yet-runnable protocol extends {@link dev.vtool.schema.protocol.KnownProtocol}; run refuses it as
 * {@code inbound protocol "trojan" is not supported by vtool yet} and lint shows the same as info.
 */
package dev.vtool.schema.protocol;
