package dev.vtool.schema.validation;

import com.networknt.schema.Error;
import java.util.ArrayList;
import java.util.Collection;

/**
 * The list networknt collects a document's errors in, keeping the first {@link #MAX} and counting the rest.
 * A config with a million unknown keys otherwise builds a million error objects (about 300 MB) before any
 * is worded. networknt evaluates anyOf/oneOf/not/if branches in lists of its own and only adds their
 * outcome here, so the cap never changes which branch matches.
 */
final class CappedErrors extends ArrayList<Error> {
    static final int MAX = 10_000;
    private long dropped;

    @Override
    public boolean add(Error e) {
        if (size() >= MAX) {
            dropped++;
            return false;
        }
        return super.add(e);
    }

    @Override
    public void add(int index, Error e) {
        if (size() >= MAX) {
            dropped++;
            return;
        }
        super.add(index, e);
    }

    @Override
    public boolean addAll(Collection<? extends Error> more) {
        boolean changed = false;
        for (Error e : more) {
            changed |= add(e);
        }
        return changed;
    }

    /** How many errors were left out. */
    long dropped() {
        return dropped;
    }
}
