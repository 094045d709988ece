package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.V2rayMessages;
import java.util.List;
import java.util.function.UnaryOperator;
import tools.jackson.databind.JsonNode;

/**
 * Ports V2Ray 4.34 rejects: malformed or reversed inbound port ranges, missing inbound ports, server
 * ports outside 0–65535, and port 0 for Shadowsocks/Trojan servers.
 */
public final class InvalidPortRule extends SimpleRule {
    private final UnaryOperator<String> env;

    public InvalidPortRule() {
        this(System::getenv);
    }

    /** {@code env} resolves {@code "env:NAME"} ports (tests pass their own). */
    InvalidPortRule(UnaryOperator<String> env) {
        super("invalid-port", Severity.ERROR,
                "A port V2Ray 4.34 rejects: out of 0-65535, malformed or reversed range, missing on an inbound.");
        this.env = env;
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        JsonNode topPort = Keys.get(doc.root(), "port");
        boolean first = true;
        for (Proxy p : Proxy.inbounds(doc)) {
            boolean filledByTopLevel = first && topPort.isIntegralNumber() && topPort.longValue() > 0;
            first = false;
            checkInbound(ctx, p, filledByTopLevel);
            if (p.is("dokodemo-door")) {
                checkPlainPort(ctx, p.settings(), p.settingsPtr(), "DokodemoConfig.port");
            }
        }
        checkRoutingPorts(doc, ctx);
        for (Proxy p : Proxy.outbounds(doc)) {
            p.forEachServer((ptr, server) -> {
                JsonNode port = Keys.get(server, "port");
                if (!checkPlainPort(ctx, server, ptr, "port")) {
                    return;
                }
                boolean zero = !Keys.present(port) || port.longValue() == 0;
                if (zero && (p.is("shadowsocks") || p.is("trojan"))) {
                    String name = p.is("shadowsocks") ? "Shadowsocks" : "Trojan";
                    ctx.report(Keys.present(port) ? Keys.ptr(ptr, server, "port") : ptr,
                            name + " server has no port (or port 0); V2Ray fails with \"Invalid " + name + " port.\"",
                            "set \"port\" to the server's port, e.g. 443");
                }
            });
        }
    }

    /** Routing port / sourcePort: a number, or a string "53,443,1000-2000" (PortList in infra/conf/common.go). */
    private void checkRoutingPorts(ConfigDocument doc, RuleContext ctx) {
        for (Routing.Rule rule : Routing.rules(doc)) {
            for (String key : List.of("port", "sourcePort")) {
                JsonNode v = rule.get(key);
                if (!Keys.present(v)) {
                    continue;
                }
                String bad = routingPortProblem(v);
                if (bad != null) {
                    ctx.report(rule.ptr(key), "routing " + key + " " + v + " is not valid; V2Ray fails with \"invalid field rule > "
                                    + bad + "\"",
                            v.isArray() ? "write the ports as one string: \"" + String.join(",",
                                    v.valueStream().map(n -> n.isValueNode() ? n.asString() : n.toString()).toList()) + "\""
                                    : "write ports and ranges separated by commas, e.g. \"53,443,1000-2000\"");
                }
            }
        }
    }

    private String routingPortProblem(JsonNode v) {
        if (v.isNumber()) {
            return v.isIntegralNumber() && v.canConvertToLong() && v.longValue() >= 0 && v.longValue() <= 0xFFFFFFFFL
                    ? null : V2rayMessages.invalidPort(v);
        }
        if (!v.isString()) {
            return V2rayMessages.invalidPort(v);
        }
        for (String part : v.stringValue().split(",", -1)) {
            String item = part.strip();
            if (item.isEmpty()) {
                continue;
            }
            if (item.contains("-")) {
                JsonNode asString = tools.jackson.databind.node.JsonNodeFactory.instance.stringNode(item);
                InboundPort range = InboundPort.parse(asString, env);
                if (!range.ok() && range.from() <= range.to()) { // reversed ranges pass here
                    return V2rayMessages.invalidPortRange(item);
                }
            } else if (!item.matches("0|[1-9]\\d{0,4}") || Integer.parseInt(item) > 65535) {
                return V2rayMessages.invalidPort(item);
            }
        }
        return null;
    }

    private void checkInbound(RuleContext ctx, Proxy p, boolean filledByTopLevel) {
        JsonNode port = p.get("port");
        if (Keys.present(port)) {
            InboundPort parsed = InboundPort.parse(port, env);
            if (!parsed.ok()) {
                String fix = parsed.from() > parsed.to()
                        ? "write the smaller port first: \"" + parsed.to() + "-" + parsed.from() + "\""
                        : "use a number from 1 to 65535, or a range string like \"10000-10010\"";
                ctx.report(p.ptr("port"), "port " + port + " is not valid; V2Ray fails with \"" + parsed.error() + "\""
                        + (port.isString() && port.stringValue().startsWith("env:") ? " (the environment variable is unset or invalid)" : ""), fix);
            }
            return;
        }
        String listen = Keys.text(p.node(), "listen");
        if (filledByTopLevel || (listen != null && (listen.startsWith("/") || listen.startsWith("@")))) {
            return;
        }
        String message = listen == null ? "Listen on AnyIP but no Port(s) set in InboundDetour."
                : "Listen on specific ip without port in InboundDetour.";
        ctx.report(p.pointer(), "this inbound has no \"port\"; V2Ray fails with \"" + message + "\"",
                "add \"port\": the port to listen on, e.g. 1080");
    }

    /** Reports a uint16 port that is not a whole number 0–65535; returns true when the port is fine or absent. */
    private static boolean checkPlainPort(RuleContext ctx, JsonNode parent, String parentPtr, String field) {
        JsonNode port = Keys.get(parent, "port");
        if (!Keys.present(port) || AlterIdRangeRule.isUint16(port)) {
            return true;
        }
        String kind = port.isString() ? "string" : port.isNumber() ? "number " + port : port.getNodeType().name().toLowerCase();
        ctx.report(Keys.ptr(parentPtr, parent, "port"), "port " + port + " must be a plain number from 0 to 65535 here; "
                        + "V2Ray fails with \"json: cannot unmarshal " + kind + " into Go struct field " + field + " of type uint16\"",
                List.of("string").contains(kind) && port.stringValue().matches("\\d{1,5}")
                        ? "drop the quotes: \"port\": " + port.stringValue()
                        : "write the port as a number, e.g. \"port\": 443");
        return false;
    }
}
