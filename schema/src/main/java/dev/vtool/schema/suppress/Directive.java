package dev.vtool.schema.suppress;

import java.util.Set;

/**
 * One {@code vtool-disable...} comment in a config.
 *
 * @param scope  what it covers
 * @param rules  the rule ids it names; empty means every rule
 * @param line   the comment's line; {@code column} its column (both 1-based)
 * @param target the line it covers ({@code LINE}, {@code NEXT_LINE}); unused for {@code FILE}
 */
record Directive(Scope scope, Set<String> rules, int line, int column, int target) {
    enum Scope {
        LINE("vtool-disable-line"), NEXT_LINE("vtool-disable-next-line"), FILE("vtool-disable");

        final String keyword;

        Scope(String keyword) {
            this.keyword = keyword;
        }
    }

    boolean covers(String ruleId, int findingLine) {
        boolean rule = rules.isEmpty() || rules.contains(ruleId);
        return rule && (scope == Scope.FILE || findingLine == target);
    }

    String spelled() {
        return scope.keyword + (rules.isEmpty() ? "" : " " + String.join(",", rules));
    }
}
