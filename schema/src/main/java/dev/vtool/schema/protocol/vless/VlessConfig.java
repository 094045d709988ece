package dev.vtool.schema.protocol.vless;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.protocol.fallback.Fallbacks;
import dev.vtool.schema.rules.VlessEncryptionRule;
import dev.vtool.schema.text.V2rayMessages;
import dev.vtool.schema.vmess.V2rayUuid;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code vless}, inbound and outbound, read as 4.34's {@code infra/conf/vless.go} reads it. */
public final class VlessConfig extends DeclaredProtocol {
    public VlessConfig() {
        super("vless", EnumSet.allOf(Side.class), true);
    }

    @Override
    public InboundSettings parseInbound(ConfigNode inbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        List<VlessUser> clients = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (ConfigNode c : s.array("clients")) {
            if (!c.string("encryption", "").isEmpty()) {
                throw c.get("encryption").error("VLESS clients: \"encryption\" should not in inbound settings");
            }
            VlessUser u = user(c, "failed to get VLESS user");
            if (!u.email().isEmpty() && !emails.add(u.email().toLowerCase(Locale.ROOT))) {
                throw c.error("failed to initiate user > User " + u.email() + " already exists.");
            }
            clients.add(u);
        }
        ConfigNode decryption = s.get("decryption");
        if (!"none".equals(s.string("decryption", ""))) {
            throw (decryption != null ? decryption : s).error("VLESS settings: please add/set \"decryption\":\"none\" to every settings");
        }
        return new VlessInboundSettings(clients, Fallbacks.parse(s, "VLESS", problems));
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        List<VlessServer> vnext = new ArrayList<>();
        for (ConfigNode v : s.array("vnext")) {
            String address = v.string("address", null);
            if (address == null) {
                throw v.error("VLESS vnext: \"address\" is not set");
            }
            List<VlessUser> users = new ArrayList<>();
            for (ConfigNode u : v.array("users")) {
                if (!"none".equals(u.string("encryption", ""))) {
                    throw u.error("VLESS users: please add/set \"encryption\":\"none\" for every user");
                }
                users.add(user(u, V2rayMessages.FAILED_TO_PARSE_SERVER_SPEC));
            }
            if (users.isEmpty()) {
                throw v.error("VLESS vnext: \"users\" is empty");
            }
            vnext.add(new VlessServer(IpText.stripBrackets(address), v.port("port"), users));
        }
        if (vnext.isEmpty()) {
            throw outbound.error("VLESS settings: \"vnext\" is empty");
        }
        return new VlessOutboundSettings(vnext);
    }

    private static VlessUser user(ConfigNode u, String context) throws ConfigModelException {
        ConfigNode id = u.get("id");
        String text = u.string("id", "");
        V2rayUuid.Parse parsed = V2rayUuid.parse(text);
        if (!parsed.ok()) {
            // 4.34 refuses the id when it builds the handler, so run and run -test both refuse it here
            throw (id != null ? id : u).error(V2rayMessages.causedBy(context,
                    V2rayMessages.failedToParseId(parsed.errorWithOutcome())));
        }
        return new VlessUser(text, parsed.bytes(), u.string("flow", ""), (int) u.number("level", 0, 0, 0xFFFFFFFFL),
                u.string("email", ""));
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new VlessEncryptionRule());
    }
}
