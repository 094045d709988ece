package dev.vtool.schema.model;

import java.util.List;

/** A socks/http outbound server entry; {@code users} may be empty (no authentication). */
public record ProxyServer(String address, int port, List<ServerUser> users) {
    public ProxyServer {
        users = List.copyOf(users);
    }
}
