package dev.vtool.schema.diagnose;

import java.util.List;

/** A config-aware check that sharpens an entry's generic fix with facts from the user's configs. */
public interface Tailor {
    /**
     * Advice lines for the group (a line may hold a multi-line JSON snippet); empty when the configs say
     * nothing useful. Called only when at least one config was given.
     */
    List<String> advise(EntryGroup group, TailorContext context);
}
