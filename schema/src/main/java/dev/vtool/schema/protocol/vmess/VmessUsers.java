package dev.vtool.schema.protocol.vmess;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.model.VmessUser;
import dev.vtool.schema.text.V2rayMessages;
import dev.vtool.schema.vmess.V2rayUuid;

/** One VMess user of {@code clients} (inbound) or {@code vnext[].users} (outbound). */
final class VmessUsers {
    private VmessUsers() {
    }

    static VmessUser parse(ConfigNode u, boolean outbound) throws ConfigModelException {
        ConfigNode id = u.get("id");
        if (id == null || !id.json().isString()) {
            throw u.error(u.path() + ".id: a VMess user needs an id (UUID string)");
        }
        V2rayUuid.Parse parsed = V2rayUuid.parse(id.json().asString());
        if (!parsed.ok()) {
            // 4.34 refuses the id when it builds the handler, so run and run -test both refuse it here
            throw id.error(V2rayMessages.causedBy(outbound ? V2rayMessages.FAILED_TO_PARSE_SERVER_SPEC : V2rayMessages.FAILED_TO_GET_VMESS_USER,
                    V2rayMessages.failedToParseId(parsed.errorWithOutcome())));
        }
        String security = outbound ? u.lowerString("security", "auto") : null;
        return new VmessUser(id.json().asString(), (int) u.number("alterId", 0, 0, 65535), security,
                (int) u.number("level", 0, 0, 0xFFFFFFFFL), u.string("email", ""));
    }
}
