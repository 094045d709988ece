package dev.vtool.schema.text;

/**
 * V2Ray 4.34's own message wordings, in one place, so that what vtool reports as "V2Ray says ..." and what
 * its engine says in V2Ray's stead stay exactly 4.34's text. Each method names the Go source the wording
 * comes from; a {@code " > "} joins a message to its cause, as Go's error chains print.
 * vtool's own explanations around these messages do not belong here.
 */
public final class V2rayMessages {

    /** Printed by {@code v2ray -test} when the config loads (main/main.go). */
    public static final String CONFIGURATION_OK = "Configuration OK.";

    /** Go's separator between an error and its cause ({@code errors.Error.Base}). */
    public static final String CAUSE = " > ";

    /** The blackhole outbound's {@code response} fails to build (infra/conf/blackhole.go). */
    public static final String BLACKHOLE_RESPONSE_FAILED = "Config: Failed to parse Blackhole response config.";

    /** A vmess outbound's server entry fails to build (proxy/vmess/outbound/outbound.go). */
    public static final String FAILED_TO_PARSE_SERVER_SPEC = "failed to parse server spec";

    /** A vmess inbound's client fails to build (proxy/vmess/inbound/inbound.go). */
    public static final String FAILED_TO_GET_VMESS_USER = "failed to get VMess user";

    /** A VMess request names no known user or a tainted one (proxy/vmess/encoding/server.go). */
    public static final String INVALID_USER = "invalid user";

    /** A VMess request header cannot be read or opened (proxy/vmess/encoding/server.go). */
    public static final String FAILED_TO_READ_REQUEST_HEADER = "failed to read request header";

    /** A socks request cannot be read (proxy/socks/server.go, protocol.go). */
    public static final String FAILED_TO_READ_REQUEST = "failed to read request";

    private V2rayMessages() {
    }

    /** A protocol or header type id nothing is registered under (infra/conf/loader.go). */
    public static String unknownConfigId(String id) {
        return "unknown config id: " + id;
    }

    /** A user id that is not a UUID, {@code cause} being the parser's error (proxy/vmess/account.go). */
    public static String failedToParseId(String cause) {
        return "failed to parse ID" + CAUSE + cause;
    }

    /** A {@code streamSettings.network} 4.34 does not have (infra/conf/transport_internet.go). */
    public static String unknownTransportProtocol(String name) {
        return "Config: unknown transport protocol: " + name;
    }

    /** A JSON object with no {@code key} where its type is read from (infra/conf/loader.go). */
    public static String notFoundInJsonContext(String key) {
        return key + " not found in JSON context";
    }

    /** A port that is not a number in 1..65535 (infra/conf/common.go, PortList). */
    public static String invalidPort(Object text) {
        return "invalid port: " + text;
    }

    /** A port or port range that does not parse (infra/conf/common.go, common/net/port.go). */
    public static String invalidPortRange(Object text) {
        return "invalid port range: " + text;
    }

    /** A routing rule whose {@code type} is not "field" (infra/conf/router.go). */
    public static String unknownRouterRuleType(String type) {
        return "unknown router rule type: " + type;
    }

    /** A VMess request or config naming a body security 4.34 lacks (proxy/vmess/encoding/server.go). */
    public static String unknownSecurityType(Object security) {
        return "unknown security type: " + security;
    }

    /** {@code message} caused by {@code cause}, joined as Go's error chains print. */
    public static String causedBy(String message, String cause) {
        return message + CAUSE + cause;
    }
}
