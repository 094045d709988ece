package dev.vtool.schema.model;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A {@code network} list ({@code "tcp,udp"} or {@code ["tcp", "udp"]}) of routing rules and dokodemo-door. */
public final class Networks {
    private Networks() {
    }

    public static Set<Network> parse(ConfigNode n, String key) throws ConfigModelException {
        Set<Network> out = EnumSet.noneOf(Network.class);
        for (String name : n.stringList(key)) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "tcp" -> out.add(Network.TCP);
                case "udp" -> out.add(Network.UDP);
                default -> { } // V2Ray ignores unknown network names
            }
        }
        return out;
    }
}
