package dev.vtool.schema.protocol.trojan;

/** A Trojan user: an inbound {@code clients[]} entry, or the one user of an outbound {@code servers[]} entry. */
public record TrojanUser(String password, int level, String email) {
}
