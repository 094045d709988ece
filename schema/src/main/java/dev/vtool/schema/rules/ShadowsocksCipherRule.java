package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.lint.RuleContext;
import dev.vtool.schema.text.DidYouMean;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Shadowsocks methods 4.34 does not have (it supports AEAD ciphers only). */
public final class ShadowsocksCipherRule extends SimpleRule {
    private static final Map<String, String> ALIASES = Map.of(
            "aes-256-cfb", "aes-256-gcm", "aes-128-cfb", "aes-128-gcm", "chacha20", "chacha20-poly1305",
            "chacha20-ietf", "chacha20-poly1305", "xchacha20-ietf-poly1305", "chacha20-poly1305",
            "2022-blake3-aes-128-gcm", "aes-128-gcm", "2022-blake3-aes-256-gcm", "aes-256-gcm",
            "2022-blake3-chacha20-poly1305", "chacha20-poly1305");

    public ShadowsocksCipherRule() {
        super("shadowsocks-cipher", Severity.ERROR,
                "A Shadowsocks method V2Ray 4.34 does not support (only aes-128-gcm, aes-256-gcm, chacha20-poly1305, none).");
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        for (Proxy p : Proxy.all(doc)) {
            if (!p.is("shadowsocks")) {
                continue;
            }
            if (p.inbound()) {
                checkMethod(ctx, p.settings(), p.settingsPtr());
            } else {
                p.forEachServer((ptr, server) -> checkMethod(ctx, server, ptr));
            }
        }
    }

    private static void checkMethod(RuleContext ctx, JsonNode parent, String parentPtr) {
        JsonNode m = Keys.get(parent, "method");
        String method = m.isString() ? m.stringValue() : Keys.present(m) ? null : "";
        if (method == null || V2rayEnums.SHADOWSOCKS_METHODS.contains(Keys.lower(method))) {
            return;
        }
        String suggestion = DidYouMean.suggest(method, V2rayEnums.SHADOWSOCKS_METHOD_NAMES, ALIASES);
        String why = method.isEmpty() ? "no Shadowsocks \"method\" is set"
                : "Shadowsocks method \"" + method + "\" is not supported by V2Ray 4.34"
                  + (method.startsWith("2022-") ? " (Shadowsocks 2022 came later)"
                     : suggestion != null ? " (4.34 has AEAD ciphers only)" : "");
        ctx.report(Keys.present(m) ? Keys.ptr(parentPtr, parent, "method") : parentPtr,
                why + "; V2Ray fails with \"unknown cipher method: " + method + "\"",
                (suggestion != null ? "use \"method\": \"" + suggestion + "\" on both client and server"
                        : "use one of: " + String.join(", ", V2rayEnums.SHADOWSOCKS_METHOD_NAMES)));
    }
}
