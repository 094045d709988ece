package dev.vtool.schema.protocol.socks;

import dev.vtool.schema.model.Account;
import dev.vtool.schema.model.InboundSettings;
import java.util.List;

/**
 * socks inbound.
 *
 * @param passwordAuth {@code auth: "password"} (case-sensitive in V2Ray; anything else means no auth)
 * @param ip           address announced in the UDP ASSOCIATE reply, or null for the local address
 */
public record SocksInboundSettings(boolean passwordAuth, List<Account> accounts, boolean udp, String ip,
                                   int userLevel) implements InboundSettings {
    public SocksInboundSettings {
        accounts = List.copyOf(accounts);
    }
}
