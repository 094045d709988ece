package dev.vtool.schema.pair;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigDocument;
import java.util.List;

/**
 * Does this client config really reach this server config? Compares every VMess vnext (and the other
 * client protocols) with the server inbound it would reach. (Skeleton: the checks land with issue 3.)
 */
public final class PairChecker {

    /** Findings about the pair; positions point into both documents. Empty means they match. */
    public List<Finding> check(ConfigDocument client, ConfigDocument server) {
        return List.of();
    }
}
