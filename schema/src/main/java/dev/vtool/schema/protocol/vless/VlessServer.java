package dev.vtool.schema.protocol.vless;

import java.util.List;

/** One {@code vnext} entry of a vless outbound. */
public record VlessServer(String address, int port, List<VlessUser> users) {
    public VlessServer {
        users = List.copyOf(users);
    }
}
