package dev.vtool.engine.vmess.outbound;

import dev.vtool.engine.vmess.RequestOptions;
import dev.vtool.engine.vmess.SecurityType;
import dev.vtool.engine.vmess.VmessId;
import dev.vtool.engine.vmess.legacy.AlternateIds;
import java.util.List;

/** An outbound user: id, its alternates (legacy header when non-empty), resolved body security. */
record VmessAccount(VmessId id, List<VmessId> alternates, SecurityType security, String email) {
    static VmessAccount of(dev.vtool.schema.model.VmessUser u) {
        VmessId id = VmessId.parse(u.id());
        return new VmessAccount(id, AlternateIds.generate(id, u.alterId()), SecurityType.fromConfig(u.security()), u.email());
    }

    /** 4.34's option bits per security (docs/spec/vmess.md 7.1). */
    int options() {
        return switch (security) {
            case AES_128_GCM, CHACHA20_POLY1305 -> RequestOptions.CHUNK_STREAM | RequestOptions.CHUNK_MASKING | RequestOptions.GLOBAL_PADDING;
            case NONE -> RequestOptions.CHUNK_STREAM | RequestOptions.CHUNK_MASKING;
            default -> RequestOptions.CHUNK_STREAM;
        };
    }
}
