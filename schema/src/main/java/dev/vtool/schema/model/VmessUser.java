package dev.vtool.schema.model;

/**
 * A VMess user, inbound ({@code clients[]}) or outbound ({@code vnext[].users[]}).
 *
 * @param id       the UUID text as written (parsed by the VMess code, which knows 4.34's lenient rules)
 * @param security body security ({@code auto}, {@code aes-128-gcm}, {@code chacha20-poly1305}, {@code none},
 *                 {@code zero}); null on the inbound side
 */
public record VmessUser(String id, int alterId, String security, int level, String email) {
}
