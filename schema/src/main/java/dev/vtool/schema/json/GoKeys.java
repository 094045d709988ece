package dev.vtool.schema.json;

import tools.jackson.databind.JsonNode;

/**
 * How V2Ray 4.34's loader (Go's encoding/json, built with Go 1.19) matches a JSON key to a struct field:
 * the exact name first, else a case-insensitive match under Unicode simple folding. For the ASCII field
 * names of a V2Ray config that folding means: ASCII letters ignore case, the Kelvin sign {@code K}
 * (U+212A) is a {@code k}, the long s {@code ſ} (U+017F) is an {@code s}, and nothing else matches
 * (unlike Java's {@code equalsIgnoreCase}, which also takes {@code İ} and {@code ı} for {@code i}).
 * Every reader of config keys (lint rules, schema wording, pair, diagnose, link, the run model) goes
 * through this class, so all commands agree on what a key means.
 */
public final class GoKeys {
    private static final char KELVIN = '\u212A';
    private static final char LONG_S = '\u017F';

    private GoKeys() {
    }

    /** True when Go would decode the JSON key {@code key} into a field named {@code name}. */
    public static boolean equalFold(String key, String name) {
        if (key.length() != name.length()) {
            return false; // every fold partner of an ASCII letter is a single UTF-16 unit
        }
        for (int i = 0; i < key.length(); i++) {
            if (fold(key.charAt(i)) != fold(name.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    /** A canonical spelling: keys with the same fold (see {@link #equalFold}) get the same string. */
    public static String fold(String key) {
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (fold(c) != c) {
                char[] out = key.toCharArray();
                for (int k = i; k < out.length; k++) {
                    out[k] = fold(out[k]);
                }
                return new String(out);
            }
        }
        return key;
    }

    private static char fold(char c) {
        if (c >= 'A' && c <= 'Z') {
            return (char) (c + ('a' - 'A'));
        }
        if (c == KELVIN) {
            return 'k';
        }
        if (c == LONG_S) {
            return 's';
        }
        return c;
    }

    /**
     * The spelling under which {@code obj} holds the field {@code name} (the exact key if present, else the
     * last key that folds to it, as Go lets a later key overwrite an earlier one), or null.
     */
    public static String member(JsonNode obj, String name) {
        if (obj == null || !obj.isObject()) {
            return null;
        }
        if (obj.get(name) != null) {
            return name;
        }
        String found = null;
        for (String k : obj.propertyNames()) {
            if (equalFold(k, name)) {
                found = k;
            }
        }
        return found;
    }
}
