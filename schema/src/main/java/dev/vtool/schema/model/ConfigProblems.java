package dev.vtool.schema.model;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.json.ConfigDocument;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Every reason one config cannot run, collected instead of stopping at the first: the model builder,
 * the per-protocol and transport settings parsers, and the engine's build step all report here, so
 * {@code run}, {@code run -test} and lint's {@code not-supported-by-run} finding list the same problems.
 *
 * <p>Two kinds: {@link Kind#ERROR}, a config V2Ray 4.34 refuses too (its own words where it has them),
 * and {@link Kind#NOT_SUPPORTED}, a valid config using something vtool's engine does not have yet,
 * worded {@code <feature> is not supported by vtool yet}.
 */
public final class ConfigProblems {
    public enum Kind { ERROR, NOT_SUPPORTED }

    /** One problem; {@code location} is null only when the config has no place for it. */
    public record Problem(Kind kind, Location location, String message) {
        /** {@code file:line:col: message}, the way every vtool command prints a problem. */
        public String describe() {
            return location == null ? message
                    : location.fileName() + ":" + location.line() + ":" + location.column() + ": " + message;
        }
    }

    private final ConfigDocument doc;
    private final List<Problem> problems = new ArrayList<>();

    /** @param doc the document pointers are located in (null: pointer-based reports carry no location) */
    public ConfigProblems(ConfigDocument doc) {
        this.doc = doc;
    }

    /** The wording of every not-supported refusal, e.g. {@code streamSettings.network "kcp"}. */
    public static String notSupportedMessage(String feature) {
        return feature + " is not supported by vtool yet";
    }

    /** A valid config uses {@code feature} (e.g. {@code inbound protocol "trojan"}) that vtool cannot run yet. */
    public void notSupported(ConfigNode at, String feature) {
        problems.add(new Problem(Kind.NOT_SUPPORTED, at.error("").location(), notSupportedMessage(feature)));
    }

    /** The same with a hint after the wording, e.g. what to do instead. */
    public void notSupported(ConfigNode at, String feature, String hint) {
        problems.add(new Problem(Kind.NOT_SUPPORTED, at.error("").location(), notSupportedMessage(feature) + "; " + hint));
    }

    /** The same, at a JSON Pointer of the document (for code that holds pointers, like the engine). */
    public void notSupported(String pointer, String feature) {
        problems.add(new Problem(Kind.NOT_SUPPORTED, locate(pointer), notSupportedMessage(feature)));
    }

    /**
     * A not-supported refusal a parser already worded and located (its message must read
     * {@code <feature> is not supported by vtool yet}); a parser that reports through a
     * {@code Consumer<ConfigModelException>} is handed {@code problems::notSupported}.
     */
    public void notSupported(ConfigModelException refusal) {
        problems.add(new Problem(Kind.NOT_SUPPORTED, refusal.location(), refusal.getMessage()));
    }

    /** A config error at {@code at} (V2Ray refuses it too). */
    public void error(ConfigNode at, String message) {
        problems.add(new Problem(Kind.ERROR, at.error("").location(), message));
    }

    /** A config error at a JSON Pointer of the document. */
    public void error(String pointer, String message) {
        problems.add(new Problem(Kind.ERROR, locate(pointer), message));
    }

    /** A hard parse error that stopped one entity (one inbound, one rule, ...), not the whole config. */
    public void error(ConfigModelException e) {
        problems.add(new Problem(Kind.ERROR, e.location(), e.getMessage()));
    }

    /** Everything {@code other} collected, after what is here. */
    public void addAll(ConfigProblems other) {
        problems.addAll(other.problems);
    }

    /** How many problems so far (a parser compares counts to see whether its part added any). */
    public int size() {
        return problems.size();
    }

    public boolean isEmpty() {
        return problems.isEmpty();
    }

    /** All problems in the order they were found. */
    public List<Problem> all() {
        return Collections.unmodifiableList(problems);
    }

    /** All problems by place in the file (those without a place last), for printing. */
    public static List<Problem> byPosition(List<Problem> problems) {
        return problems.stream().sorted(Comparator.comparing(Problem::location,
                Comparator.nullsLast(Comparator.naturalOrder()))).toList();
    }

    /** Only the not-supported ones (what lint shows as info). */
    public List<Problem> notSupported() {
        return problems.stream().filter(p -> p.kind() == Kind.NOT_SUPPORTED).toList();
    }

    /** The problems as one exception (its message is the first; {@link ConfigModelException#problems()} has all). */
    public ConfigModelException toException() {
        Problem first = problems.get(0);
        return new ConfigModelException(first.location(), first.message(), List.copyOf(problems));
    }

    private Location locate(String pointer) {
        return doc == null || pointer == null ? null : doc.locate(pointer);
    }
}
