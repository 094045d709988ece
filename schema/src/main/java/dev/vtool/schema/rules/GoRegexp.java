package dev.vtool.schema.rules;

import java.util.regex.Matcher;

/**
 * Go's regexp syntax (RE2) as V2Ray 4.34 compiles {@code regexp:} domain values, through re2j, a Java port of
 * Go's parser whose error texts are Go's own. java.util.regex accepts much that Go refuses (look-around,
 * possessive quantifiers, back-references), so it must not be used here. re2j's classes are loaded only when
 * {@link #compileError} runs, i.e. only for configs that have a regexp value: lint's startup stays as it was.
 */
final class GoRegexp {
    /** Unescaped "(?<" outside a class; Go before 1.22 (4.34's toolchain) rejects it, re2j 1.8 accepts it. */
    private static final java.util.regex.Pattern ANGLE_NAMED_GROUP =
            java.util.regex.Pattern.compile("(?<!\\\\)\\(\\?<(?![=!])");

    private GoRegexp() {
    }

    /** Null when Go compiles {@code pattern}, else Go's message ("error parsing regexp: ...: `...`"). */
    static String compileError(String pattern) {
        String error = Re2.compileError(pattern);
        if (error != null) {
            return error;
        }
        Matcher m = ANGLE_NAMED_GROUP.matcher(pattern);
        return m.find() ? "error parsing regexp: invalid or unsupported Perl syntax: `(?<`" : null;
    }

    /** Holder: touching re2j only from here keeps it out of class loading until a regexp is checked. */
    private static final class Re2 {
        static String compileError(String pattern) {
            try {
                com.google.re2j.Pattern.compile(pattern);
                return null;
            } catch (com.google.re2j.PatternSyntaxException e) {
                return e.getMessage();
            }
        }
    }
}
