package dev.vtool.schema.protocol.vmess;

import dev.vtool.schema.lint.LintRule;
import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.InboundSettings;
import dev.vtool.schema.model.IpText;
import dev.vtool.schema.model.OutboundSettings;
import dev.vtool.schema.model.VmessUser;
import dev.vtool.schema.protocol.DeclaredProtocol;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.rules.AlterIdRangeRule;
import dev.vtool.schema.rules.LegacyAlterIdRule;
import dev.vtool.schema.rules.UnknownVmessSecurityRule;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** {@code vmess}, inbound and outbound. */
public final class VmessConfig extends DeclaredProtocol {
    public VmessConfig() {
        super("vmess", EnumSet.allOf(Side.class), true);
    }

    @Override
    public InboundSettings parseInbound(ConfigNode inbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        List<VmessUser> clients = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (ConfigNode c : s.array("clients")) {
            VmessUser u = VmessUsers.parse(c, false);
            if (!u.email().isEmpty() && !emails.add(u.email().toLowerCase(Locale.ROOT))) {
                throw c.error("failed to initiate user > User " + u.email() + " already exists.");
            }
            clients.add(u);
        }
        ConfigNode def = s.object("default");
        int alterId = def == null ? 0 : (int) def.number("alterId", 0, 0, 65535);
        int level = def == null ? 0 : (int) def.number("level", 0, 0, 255);
        return new VmessInboundSettings(clients, alterId, level, s.bool("disableInsecureEncryption"));
    }

    @Override
    public OutboundSettings parseOutbound(ConfigNode outbound, ConfigNode s, ConfigProblems problems)
            throws ConfigModelException {
        List<VmessServer> vnext = new ArrayList<>();
        for (ConfigNode v : s.array("vnext")) {
            String address = v.string("address", null);
            if (address == null || address.isEmpty()) {
                throw v.error("address is not set in VMess outbound config");
            }
            List<VmessUser> users = new ArrayList<>();
            for (ConfigNode u : v.array("users")) {
                users.add(VmessUsers.parse(u, true));
            }
            if (users.isEmpty()) {
                throw v.error("0 user configured for VMess outbound");
            }
            vnext.add(new VmessServer(IpText.stripBrackets(address), v.port("port"), users));
        }
        if (vnext.isEmpty()) {
            throw outbound.error("0 VMess receiver configured");
        }
        return new VmessOutboundSettings(vnext);
    }

    /** This protocol's own lint rules. */
    @Override
    public List<LintRule> rules() {
        return List.of(new UnknownVmessSecurityRule(), new AlterIdRangeRule(), new LegacyAlterIdRule());
    }
}
