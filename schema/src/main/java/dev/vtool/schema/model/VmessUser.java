package dev.vtool.schema.model;

/**
 * A VMess user, inbound ({@code clients[]}) or outbound ({@code vnext[].users[]}): the one user record of
 * every command (the engine attaches its derived keys to it, it does not copy it).
 *
 * @param id       the UUID text as written; the model builder accepts only what 4.34 accepts
 *                 ({@link dev.vtool.schema.vmess.V2rayUuid}), {@link #uuid()} gives its 16 bytes
 * @param security body security ({@code auto}, {@code aes-128-gcm}, {@code chacha20-poly1305}, {@code none},
 *                 {@code zero}); null on the inbound side
 */
public record VmessUser(String id, int alterId, String security, int level, String email) {

    /** The 16 id bytes as 4.34 reads the id text. */
    public byte[] uuid() {
        dev.vtool.schema.vmess.V2rayUuid.Parse p = dev.vtool.schema.vmess.V2rayUuid.parse(id);
        if (!p.ok()) {
            throw new IllegalArgumentException(p.errorWithOutcome());
        }
        return p.bytes();
    }
}
