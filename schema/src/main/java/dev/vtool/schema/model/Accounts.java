package dev.vtool.schema.model;

import java.util.ArrayList;
import java.util.List;

/** {@code accounts} of a socks or http inbound. */
public final class Accounts {
    private Accounts() {
    }

    public static List<Account> parse(ConfigNode settings) throws ConfigModelException {
        List<Account> out = new ArrayList<>();
        for (ConfigNode a : settings.array("accounts")) {
            out.add(new Account(a.string("user", ""), a.string("pass", "")));
        }
        return out;
    }
}
