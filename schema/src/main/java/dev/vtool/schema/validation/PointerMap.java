package dev.vtool.schema.validation;

import java.util.ArrayList;
import java.util.List;

/**
 * Maps pointers in the case-normalised copy of a config back to the user's own spelling: when the copy
 * renamed {@code /inbounds/0/Port} to {@code /inbounds/0/port}, findings about the latter must point
 * at the former.
 */
final class PointerMap {
    private record Rename(String normalized, String original) {
    }

    private final List<Rename> renames = new ArrayList<>();

    void add(String normalized, String original) {
        renames.add(new Rename(normalized, original));
    }

    String toOriginal(String normalized) {
        Rename best = null;
        for (Rename r : renames) {
            boolean prefix = normalized.equals(r.normalized) || normalized.startsWith(r.normalized + "/");
            if (prefix && (best == null || r.normalized.length() > best.normalized.length())) {
                best = r;
            }
        }
        return best == null ? normalized : best.original + normalized.substring(best.normalized.length());
    }
}
