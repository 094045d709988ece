package dev.vtool.engine.api;

import dev.vtool.engine.EngineException;
import dev.vtool.schema.model.VmessUser;
import dev.vtool.schema.vmess.V2rayUuid;
import io.grpc.Status;
import java.io.IOException;

/**
 * Turns the account TypedMessage of an API user into the engine's user record. vtool decodes the accounts
 * of the protocols it serves users for; any other type is refused by name (UNIMPLEMENTED).
 */
final class Accounts {
    static final String VMESS = "v2ray.core.proxy.vmess.Account";
    static final String VLESS = "v2ray.core.proxy.vless.Account";
    static final String TROJAN = "v2ray.core.proxy.trojan.Account";

    private Accounts() {
    }

    static Object decode(HandlerMessages.User user) throws IOException, EngineException {
        HandlerMessages.TypedMessage account = user.account();
        if (account == null || account.type().isEmpty()) {
            throw new EngineException("failed to parse user > no account");
        }
        if (VMESS.equals(account.type())) {
            ProtoFields f = ProtoFields.parse(account.value());
            String id = f.string(1);
            V2rayUuid.Parse parsed = V2rayUuid.parse(id);
            if (!parsed.ok()) {
                throw new EngineException("failed to parse user > " + parsed.errorWithOutcome());
            }
            long alterId = f.varint(2);
            if (alterId < 0 || alterId > 65535) {
                throw new EngineException("failed to parse user > alterId " + alterId + " out of range");
            }
            return new VmessUser(id, (int) alterId, null, user.level(), user.email());
        }
        if (VLESS.equals(account.type())) {
            ProtoFields f = ProtoFields.parse(account.value());
            String id = f.string(1);
            V2rayUuid.Parse parsed = V2rayUuid.parse(id);
            if (!parsed.ok()) {
                throw new EngineException("failed to parse user > " + parsed.errorWithOutcome());
            }
            return new dev.vtool.schema.protocol.vless.VlessUser(id, parsed.bytes(), f.string(2), user.level(),
                    user.email());
        }
        if (TROJAN.equals(account.type())) {
            String password = ProtoFields.parse(account.value()).string(1);
            return new dev.vtool.schema.protocol.trojan.TrojanUser(password, user.level(), user.email());
        }
        throw Status.UNIMPLEMENTED.withDescription("vtool does not take accounts of type " + account.type()
                + " through the API (it decodes " + VMESS + ", " + VLESS + " and " + TROJAN + ")")
                .asRuntimeException();
    }
}
