package dev.vtool.schema.rules;

import java.util.List;
import java.util.Map;

/** The enumerations V2Ray 4.34 knows, in one place (facts: docs/spec/v2ray-config.md §2–4). */
final class V2rayEnums {
    private V2rayEnums() {
    }

    static final List<String> INBOUND_PROTOCOLS = List.of(
            "socks", "http", "dokodemo-door", "vmess", "vless", "shadowsocks", "trojan", "mtproto");
    static final List<String> OUTBOUND_PROTOCOLS = List.of(
            "freedom", "blackhole", "dns", "socks", "http", "vmess", "vless", "shadowsocks", "trojan", "mtproto");
    /** Names people use for a protocol that 4.34 spells differently. */
    static final Map<String, String> PROTOCOL_ALIASES = Map.of(
            "dokodemo", "dokodemo-door", "ss", "shadowsocks", "direct", "freedom", "block", "blackhole",
            "socks5", "socks", "https", "http");

    /** Every spelling of streamSettings.network that 4.34 accepts (case-insensitive). */
    static final List<String> NETWORKS = List.of(
            "tcp", "kcp", "mkcp", "ws", "websocket", "http", "h2", "ds", "domainsocket", "quic");
    static final Map<String, String> NETWORK_ALIASES = Map.of(
            "websockets", "ws", "http2", "h2", "udp", "kcp");

    static final List<String> SECURITIES = List.of("tls", "none");
    static final Map<String, String> SECURITY_ALIASES = Map.of("https", "tls", "ssl", "tls", "tls1.3", "tls");

    /** routing.domainStrategy values, lower-cased, with the snake/kebab spellings 4.34 also takes. */
    static final List<String> ROUTING_DOMAIN_STRATEGIES = List.of(
            "asis", "ipifnonmatch", "ip_if_non_match", "ip-if-non-match", "ipondemand",
            "ip_on_demand", "ip-on-demand", "alwaysip", "always_ip", "always-ip");
    static final List<String> ROUTING_DOMAIN_STRATEGY_NAMES = List.of("AsIs", "IPIfNonMatch", "IPOnDemand", "AlwaysIP");

    static final List<String> FREEDOM_DOMAIN_STRATEGIES = List.of(
            "asis", "useip", "use_ip", "useipv4", "useip4", "use_ipv4", "use_ip_v4", "use_ip4",
            "useipv6", "useip6", "use_ipv6", "use_ip_v6", "use_ip6");
    static final List<String> FREEDOM_DOMAIN_STRATEGY_NAMES = List.of("AsIs", "UseIP", "UseIPv4", "UseIPv6");

    static final List<String> LOG_LEVELS = List.of("debug", "info", "warning", "error", "none");
    static final Map<String, String> LOG_LEVEL_ALIASES = Map.of(
            "warn", "warning", "verbose", "debug", "trace", "debug", "err", "error", "off", "none");

    /** sniffing.destOverride values (case-insensitive). */
    static final List<String> SNIFF_PROTOCOLS = List.of("http", "tls", "https", "ssl");

    static final List<String> VMESS_SECURITIES = List.of("aes-128-gcm", "chacha20-poly1305", "auto", "none");

    /** Shadowsocks methods of 4.34 (AEAD only) and their accepted spellings, lower-cased. */
    static final List<String> SHADOWSOCKS_METHODS = List.of(
            "aes-128-gcm", "aead_aes_128_gcm", "aes-256-gcm", "aead_aes_256_gcm", "chacha20-poly1305",
            "aead_chacha20_poly1305", "chacha20-ietf-poly1305", "none", "plain");
    static final List<String> SHADOWSOCKS_METHOD_NAMES = List.of(
            "aes-128-gcm", "aes-256-gcm", "chacha20-poly1305", "none");

    static final List<String> FREEDOM_KEYS = List.of("domainStrategy", "redirect", "userLevel", "timeout", "allowPrivate");
    static final List<String> BLACKHOLE_KEYS = List.of("response");
    static final List<String> BLACKHOLE_RESPONSES = List.of("none", "http");
}
