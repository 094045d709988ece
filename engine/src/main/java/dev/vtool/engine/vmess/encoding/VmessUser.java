package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.VmessId;

/** A server-side user: id, alternate-id count (legacy header only when > 0), policy level, email. */
public record VmessUser(VmessId id, int alterId, int level, String email) {
    public VmessUser {
        if (alterId < 0 || alterId > 65535) {
            throw new IllegalArgumentException("alterId out of range: " + alterId);
        }
        email = email == null ? "" : email;
    }
}
