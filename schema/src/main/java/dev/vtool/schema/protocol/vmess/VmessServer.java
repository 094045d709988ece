package dev.vtool.schema.protocol.vmess;

import dev.vtool.schema.model.VmessUser;
import java.util.List;

/** One {@code vnext} entry of a vmess outbound. */
public record VmessServer(String address, int port, List<VmessUser> users) {
    public VmessServer {
        users = List.copyOf(users);
    }
}
