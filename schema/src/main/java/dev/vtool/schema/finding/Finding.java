package dev.vtool.schema.finding;

import dev.vtool.schema.text.Excerpt;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One problem found in a config, shared by lint, pair and diagnose.
 *
 * @param ruleId   stable id of the rule that found it (e.g. {@code unknown-protocol})
 * @param location where it is; {@code null} only for findings about a whole input that has no text
 * @param message  what is wrong, in words a V2Ray user understands
 * @param fix      how to fix it, or {@code null}
 * @param related  other places that take part (the other side of a pair, the first duplicate)
 */
public record Finding(String ruleId, Severity severity, Location location, String message, String fix,
                      List<Location> related) {

    public static final Comparator<Finding> BY_POSITION = Comparator
            .comparing(Finding::location, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(Finding::severity)
            .thenComparing(Finding::ruleId);

    public Finding {
        Objects.requireNonNull(ruleId, "ruleId");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(message, "message");
        related = related == null ? List.of() : List.copyOf(related);
        // a message may quote a value of any size from the input; a finding stays a few KB
        message = Excerpt.middle(message, Excerpt.MAX_MESSAGE);
        fix = Excerpt.middle(fix, Excerpt.MAX_MESSAGE);
    }

    public Finding(String ruleId, Severity severity, Location location, String message, String fix) {
        this(ruleId, severity, location, message, fix, List.of());
    }

    public boolean isError() {
        return severity == Severity.ERROR;
    }
}
