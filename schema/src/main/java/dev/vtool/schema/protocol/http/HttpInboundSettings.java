package dev.vtool.schema.protocol.http;

import dev.vtool.schema.model.Account;
import dev.vtool.schema.model.InboundSettings;
import java.util.List;

/** http inbound: optional Basic accounts; {@code allowTransparent} accepts origin-form requests routed by Host. */
public record HttpInboundSettings(List<Account> accounts, boolean allowTransparent, int timeout, int userLevel)
        implements InboundSettings {
    public HttpInboundSettings {
        accounts = List.copyOf(accounts);
    }

    @Override
    public int idleTimeoutOverride() {
        return userLevel == 0 ? timeout : 0;
    }
}
