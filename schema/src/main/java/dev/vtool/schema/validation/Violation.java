package dev.vtool.schema.validation;

import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;

/**
 * One schema violation in vtool's words, before it is placed in the source.
 *
 * @param pointer   where it is, in the user's spelling (JSON Pointer)
 * @param atKey     point at the key of that member rather than at its value
 * @param group     findings with the same group are one problem; only the first is kept
 * @param normalize when non-null, how the case-normalised copy is fixed so that a second pass can check
 *                  what V2Ray will really read
 */
record Violation(RuleInfo rule, Severity severity, String pointer, boolean atKey, String message, String fix,
                 String group, Normalization normalize) {

    /** A letter-case repair of the copy: rename a key, or replace a string value by its documented spelling. */
    record Normalization(String objectPointer, String fromKey, String toKey, String valuePointer, String newValue) {
        static Normalization renameKey(String objectPointer, String fromKey, String toKey) {
            return new Normalization(objectPointer, fromKey, toKey, null, null);
        }

        static Normalization replaceValue(String valuePointer, String newValue) {
            return new Normalization(null, null, null, valuePointer, newValue);
        }

        boolean isRename() {
            return fromKey != null;
        }
    }
}
