package dev.vtool.schema.validation;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;

/**
 * One schema violation in vtool's words, before it is placed in the source.
 *
 * @param pointer   where it is, in the user's spelling (JSON Pointer)
 * @param atKey     point at the key of that member rather than at its value
 * @param group     findings with the same group are one problem; only the first is kept
 * @param normalize when non-null, how the copy is repaired so that the next pass checks what V2Ray will
 *                  really read (key case, value case, null)
 */
record Violation(RuleInfo rule, Severity severity, String pointer, boolean atKey, String message, String fix,
                 String group, Normalization normalize) {

    /**
     * A repair of the copy so the next pass sees what V2Ray will read: rename a key to its documented
     * case, replace a value (documented case, or "" for a null list item) or drop a null member.
     */
    record Normalization(Kind kind, String objectPointer, String fromKey, String toKey, String valuePointer,
                         String newValue) {
        enum Kind { RENAME_KEY, REPLACE_VALUE, REMOVE_KEY }

        static Normalization renameKey(String objectPointer, String fromKey, String toKey) {
            return new Normalization(Kind.RENAME_KEY, objectPointer, fromKey, toKey, null, null);
        }

        static Normalization replaceValue(String valuePointer, String newValue) {
            return new Normalization(Kind.REPLACE_VALUE, null, null, null, valuePointer, newValue);
        }

        static Normalization removeKey(String objectPointer, String key) {
            return new Normalization(Kind.REMOVE_KEY, objectPointer, key, null, null, null);
        }
    }
}
