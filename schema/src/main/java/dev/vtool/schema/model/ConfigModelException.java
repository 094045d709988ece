package dev.vtool.schema.model;

import dev.vtool.schema.finding.Location;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A configuration that {@code vtool run} cannot run, with the place in the file that says so. Thrown by
 * one accessor for one value; {@link ConfigModelBuilder#build} throws one carrying every problem of the
 * config ({@link #problems()}).
 */
public final class ConfigModelException extends Exception {
    private static final long serialVersionUID = 1L;
    private final transient Location location;
    private final transient List<ConfigProblems.Problem> problems;

    public ConfigModelException(Location location, String message) {
        super(message);
        this.location = location;
        this.problems = List.of(new ConfigProblems.Problem(ConfigProblems.Kind.ERROR, location, message));
    }

    ConfigModelException(Location location, String message, List<ConfigProblems.Problem> problems) {
        super(message);
        this.location = location;
        this.problems = problems;
    }

    public Location location() {
        return location;
    }

    /** Every problem found (at least this one). */
    public List<ConfigProblems.Problem> problems() {
        return problems;
    }

    /** {@code file:line:col: message} per problem by position, one per line, the way every vtool command prints them. */
    public String describe() {
        return ConfigProblems.byPosition(problems).stream().map(ConfigProblems.Problem::describe).collect(Collectors.joining("\n"));
    }
}
