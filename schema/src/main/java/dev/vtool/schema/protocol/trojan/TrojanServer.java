package dev.vtool.schema.protocol.trojan;

/** One {@code servers} entry of a trojan outbound. */
public record TrojanServer(String address, int port, TrojanUser user) {
}
