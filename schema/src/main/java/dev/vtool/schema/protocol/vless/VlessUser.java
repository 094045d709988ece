package dev.vtool.schema.protocol.vless;

/**
 * A VLESS user: inbound {@code clients[]} or outbound {@code vnext[].users[]}.
 *
 * @param id   the UUID text as written (4.34's parser accepted it)
 * @param uuid its 16 bytes, as 4.34 reads them
 * @param flow any string; 4.34 has no XTLS and ignores it on the wire
 */
public record VlessUser(String id, byte[] uuid, String flow, int level, String email) {
    public VlessUser {
        uuid = uuid.clone();
    }

    @Override
    public byte[] uuid() {
        return uuid.clone();
    }
}
