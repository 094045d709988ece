package dev.vtool.schema.pair;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import java.util.List;

/** Every rule `vtool pair` can report, with stable ids (listed in SARIF output). */
public final class PairRules {
    public static final RuleInfo NO_ENDPOINT = RuleInfo.of("pair-no-endpoint", Severity.ERROR,
            "No client outbound server (address/port) reaches any inbound of the server config.");
    public static final RuleInfo OTHER_SERVER = RuleInfo.of("pair-other-server", Severity.INFO,
            "A client outbound server does not reach this server config (probably meant for another server).");
    public static final RuleInfo PROTOCOL = RuleInfo.of("pair-protocol", Severity.ERROR,
            "The client reaches a server inbound of a different protocol.");
    public static final RuleInfo USER_ID = RuleInfo.of("pair-user-id", Severity.ERROR,
            "The client's VMess id is not one of the server's clients (compared as 16 parsed bytes).");
    public static final RuleInfo ALTER_ID = RuleInfo.of("pair-alter-id", Severity.ERROR,
            "The client's alterId is larger than the server's (or the server's is 0): `invalid user`.");
    public static final RuleInfo LEGACY_HEADER = RuleInfo.of("pair-legacy-header", Severity.WARNING,
            "The client uses alterId > 0, i.e. the legacy MD5 VMess header; alterId 0 selects AEAD.");
    public static final RuleInfo VMESS_SECURITY = RuleInfo.of("pair-vmess-security", Severity.ERROR,
            "The client uses security \"none\" but the server sets disableInsecureEncryption.");
    public static final RuleInfo VLESS_ID = RuleInfo.of("pair-vless-id", Severity.ERROR,
            "The client's VLESS id is not one of the server's clients.");
    public static final RuleInfo VLESS_ENCRYPTION = RuleInfo.of("pair-vless-encryption", Severity.ERROR,
            "VLESS needs encryption \"none\" on the client and decryption \"none\" on the server.");
    public static final RuleInfo TROJAN_PASSWORD = RuleInfo.of("pair-trojan-password", Severity.ERROR,
            "The client's Trojan password is not one of the server's clients' passwords.");
    public static final RuleInfo VLESS_FLOW = RuleInfo.of("pair-vless-flow", Severity.WARNING,
            "Client and server VLESS flow differ, or the client asks for an XTLS flow 4.34 does not have.");
    public static final RuleInfo FALLBACK_SWALLOW = RuleInfo.of("pair-fallback-swallow", Severity.ERROR,
            "The client's transport is not the Trojan/VLESS inbound's, and no fallback leads it to an inbound that speaks it.");
    public static final RuleInfo SS_METHOD = RuleInfo.of("pair-ss-method", Severity.ERROR,
            "Client and server Shadowsocks ciphers differ (after alias folding).");
    public static final RuleInfo SS_PASSWORD = RuleInfo.of("pair-ss-password", Severity.ERROR,
            "Client and server Shadowsocks passwords differ.");
    public static final RuleInfo SS_UDP = RuleInfo.of("pair-ss-udp", Severity.WARNING,
            "The client takes UDP (socks udp, dokodemo-door udp) but the Shadowsocks server inbound is TCP only.");
    public static final RuleInfo PROXY_AUTH = RuleInfo.of("pair-proxy-auth", Severity.ERROR,
            "SOCKS/HTTP credentials of the client do not fit the server's accounts or auth mode.");
    public static final RuleInfo NETWORK = RuleInfo.of("pair-network", Severity.ERROR,
            "Client and server use different transports (streamSettings.network, after alias folding).");
    public static final RuleInfo TCP_HEADER = RuleInfo.of("pair-tcp-header", Severity.ERROR,
            "TCP header obfuscation (type, HTTP request path) differs.");
    public static final RuleInfo WS_PATH = RuleInfo.of("pair-ws-path", Severity.ERROR,
            "WebSocket paths differ (after adding the leading /); the server answers 404.");
    public static final RuleInfo WS_HOST = RuleInfo.of("pair-ws-host", Severity.WARNING,
            "WebSocket Host headers differ (V2Ray ignores it, a reverse proxy or CDN in front may not).");
    public static final RuleInfo H2_HOST = RuleInfo.of("pair-h2-host", Severity.ERROR,
            "A client HTTP/2 host is not in the server's host list; the server rejects the request.");
    public static final RuleInfo H2_PATH = RuleInfo.of("pair-h2-path", Severity.ERROR,
            "HTTP/2 paths differ.");
    public static final RuleInfo KCP = RuleInfo.of("pair-kcp", Severity.ERROR,
            "mKCP seed or header type differs; the server discards the packets.");
    public static final RuleInfo QUIC = RuleInfo.of("pair-quic", Severity.ERROR,
            "QUIC security, key or header type differs.");
    public static final RuleInfo DOMAIN_SOCKET = RuleInfo.of("pair-domain-socket", Severity.ERROR,
            "Domain socket path or abstract flag differs.");
    public static final RuleInfo TLS = RuleInfo.of("pair-tls", Severity.ERROR,
            "TLS is on one side only (streamSettings.security), or h2 without TLS on the client.");
    public static final RuleInfo TLS_NAME = RuleInfo.of("pair-tls-name", Severity.ERROR,
            "The name the client verifies (serverName or address) is not in the server certificate.");
    public static final RuleInfo TLS_TRUST = RuleInfo.of("pair-tls-trust", Severity.WARNING,
            "The server certificate is self-signed and the client does not trust it.");
    public static final RuleInfo TLS_CERT = RuleInfo.of("pair-tls-cert", Severity.INFO,
            "The server certificate could not be read, so names and trust were not checked.");

    public static final List<RuleInfo> ALL = List.of(NO_ENDPOINT, OTHER_SERVER, PROTOCOL, USER_ID, ALTER_ID,
            LEGACY_HEADER, VMESS_SECURITY, VLESS_ID, VLESS_ENCRYPTION, VLESS_FLOW, TROJAN_PASSWORD, FALLBACK_SWALLOW, SS_METHOD, SS_PASSWORD, SS_UDP,
            PROXY_AUTH, NETWORK, TCP_HEADER, WS_PATH, WS_HOST, H2_HOST, H2_PATH, KCP, QUIC, DOMAIN_SOCKET, TLS,
            TLS_NAME, TLS_TRUST, TLS_CERT);

    private PairRules() {
    }
}
