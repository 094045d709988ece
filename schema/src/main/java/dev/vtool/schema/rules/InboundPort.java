package dev.vtool.schema.rules;

import dev.vtool.schema.text.V2rayMessages;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * An inbound {@code port} as V2Ray 4.34 reads it ({@code PortRange} in infra/conf/common.go): a JSON
 * number 0–65535, or a string {@code "N"}, {@code "A-B"} or {@code "env:NAME"} (whose value may itself
 * be a range). Anything else is rejected while decoding, with V2Ray's own message.
 */
record InboundPort(int from, int to, String error) {

    boolean ok() {
        return error == null;
    }

    static InboundPort parse(JsonNode value, UnaryOperator<String> env) {
        if (value.isNumber()) {
            if (value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0
                    && value.longValue() <= 65535) {
                int p = (int) value.longValue();
                return new InboundPort(p, p, null);
            }
            return rejected(value);
        }
        if (!value.isString()) {
            return rejected(value);
        }
        String s = value.stringValue();
        if (s.startsWith("env:")) {
            String v = env.apply(s.substring(4));
            s = v == null ? "" : v;
        }
        int dash = s.indexOf('-');
        Integer from = portFromString(dash < 0 ? s : s.substring(0, dash));
        Integer to = dash < 0 ? from : portFromString(s.substring(dash + 1));
        if (from == null || to == null) {
            return rejected(value);
        }
        if (from > to) {
            return new InboundPort(from, to, "invalid port range " + from + " -> " + to);
        }
        return new InboundPort(from, to, null);
    }

    /** Go's strconv.ParseUint(s, 10, 32) followed by the 0–65535 check; null when V2Ray rejects it. */
    private static Integer portFromString(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long v = Long.parseLong(s);
        return v <= 65535 ? (int) v : null;
    }

    /** The value as JSON text, made only here: the first toString() of a node builds Jackson's default mapper. */
    private static InboundPort rejected(JsonNode value) {
        return new InboundPort(-1, -1, V2rayMessages.invalidPortRange(value.toString()));
    }
}
