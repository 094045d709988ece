package dev.vtool.engine.vmess.encoding;

import dev.vtool.engine.vmess.VmessId;
import dev.vtool.schema.model.VmessUser;

/**
 * A configured VMess user (the one user record, {@link VmessUser} from the config model) with the id
 * bytes and command key the engine derives from it once.
 */
public record KeyedUser(VmessId id, VmessUser config) {

    /** The user of a config model entry; the id text must be one 4.34 accepts (the model builder checks). */
    public static KeyedUser of(VmessUser config) {
        return new KeyedUser(VmessId.parse(config.id()), config);
    }

    /** A user given by its parts (tests, and callers that hold the id already). */
    public static KeyedUser of(VmessId id, int alterId, int level, String email) {
        return new KeyedUser(id, new VmessUser(id.toString(), alterId, null, level, email == null ? "" : email));
    }

    public int alterId() {
        return config.alterId();
    }

    public int level() {
        return config.level();
    }

    public String email() {
        return config.email();
    }
}
