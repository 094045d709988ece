package dev.vtool.schema.validation;

import dev.vtool.schema.json.GoKeys;
import com.networknt.schema.Error;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.text.DidYouMean;
import dev.vtool.schema.text.V2rayMessages;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/**
 * Turns one networknt {@link Error} into a {@link Violation} worded for a V2Ray user. Everything the
 * wording needs beyond the error (allowed values, V2Ray's own message, whether V2Ray tolerates the
 * mistake) is read from the {@code x-vtool-*} annotations of the schema node that holds the keyword:
 * <ul>
 * <li>{@code x-vtool-severity}: "warning", or {"keyword": "warning"}: V2Ray accepts this violation silently</li>
 * <li>{@code x-vtool-ignore-case}: V2Ray compares this enum case-insensitively</li>
 * <li>{@code x-vtool-value-hints} / {@code x-vtool-key-hints}: advice for known wrong values / keys</li>
 * <li>{@code x-vtool-expect}: what a pattern means in words; {@code x-vtool-type-hint}: advice on a type error</li>
 * <li>{@code x-vtool-when-missing}: V2Ray's message when the key is missing or empty</li>
 * <li>{@code x-vtool-messages}: {"keyword": message} for combinators and {@code not}</li>
 * <li>{@code x-vtool-display}: the canonical enum values to list (the enum also holds V2Ray's aliases)</li>
 * <li>{@code x-vtool-exact-keys}: keys V2Ray matches with exact case (its config loader's "type")</li>
 * <li>{@code x-vtool-null-is-value}: V2Ray passes null on here instead of treating it as absent</li>
 * </ul>
 */
final class ViolationWording {
    private final SchemaModel model;
    private final JsonNode instanceRoot;
    private final JsonNode originalRoot;
    private final PointerMap pointers;

    /**
     * @param instanceRoot the (case-normalised) copy that was validated
     * @param originalRoot the user's document, whose values the messages quote
     */
    ViolationWording(SchemaModel model, JsonNode instanceRoot, JsonNode originalRoot, PointerMap pointers) {
        this.model = model;
        this.instanceRoot = instanceRoot;
        this.originalRoot = originalRoot;
        this.pointers = pointers;
    }

    Violation word(Error error) {
        String fragment = fragment(error);
        String keyword = error.getKeyword() == null ? lastSegment(fragment) : error.getKeyword();
        String normalizedPtr = error.getInstanceLocation() == null ? "" : error.getInstanceLocation().toString();
        normalizedPtr = normalizedPtr.startsWith("$") ? "" : normalizedPtr;
        String ptr = pointers.toOriginal(normalizedPtr);
        String path = "`" + JsonPointers.toDisplayPath(ptr) + "`";
        JsonNode holder = model.holderOf(fragment);
        JsonNode checked = error.getInstanceNode() != null ? error.getInstanceNode() : instanceRoot.at(normalizedPtr);
        JsonNode original = ptr.isEmpty() ? originalRoot : originalRoot.at(ptr);
        // Quote what was checked (case-repaired, null list items as ""), but numbers as the user wrote them:
        // the copy moves 1080.0 off the integer grid.
        JsonNode value = checked.isNumber() && original.isNumber() ? original : checked;
        Severity severity = severityOf(holder, keyword);

        String combinator = combinatorPrefix(fragment);
        if (combinator != null) {
            return wordCombinator(combinator, ptr, path);
        }
        return switch (keyword) {
            case "additionalProperties" -> wordUnknownKey(holder, normalizedPtr, ptr, error.getProperty());
            case "type" -> wordType(holder, value, normalizedPtr, ptr, path, severity, error);
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" ->
                    violation(SchemaRules.RANGE, severity, ptr, path + " must be " + range(holder) + ", got "
                            + ValueWords.literal(value), null);
            case "enum", "const" -> wordEnum(holder, value, normalizedPtr, ptr, path, severity);
            case "required" -> wordRequired(holder, normalizedPtr, ptr, path, severity, error.getProperty());
            case "pattern" -> violation(SchemaRules.FORMAT, severity, ptr, path + " must be "
                    + text(holder, "x-vtool-expect", "in the form V2Ray expects") + ", got " + ValueWords.literal(value),
                    v2rayHint(holder));
            case "minLength", "minItems" -> violation(SchemaRules.EMPTY, severity, ptr, path + " must not be empty",
                    v2rayHint(holder));
            case "propertyNames" -> {
                String key = error.getProperty();
                String child = JsonPointers.child(ptr, key == null ? "" : key);
                String expect = text(holder.path("propertyNames"), "x-vtool-expect", "a valid name");
                yield new Violation(SchemaRules.FORMAT, severity, child, true,
                        "key " + ValueWords.quote(key) + " in " + path + " must be " + expect, null, null, null);
            }
            case "not" -> violation(SchemaRules.NOT_ALLOWED, severity, ptr,
                    path + ": " + message(holder, "not", "this key is not allowed here"), null);
            default -> violation(SchemaRules.FORMAT, severity, ptr, path + " is not valid here", null);
        };
    }

    private Violation wordUnknownKey(JsonNode holder, String normalizedObject, String object, String key) {
        List<String> known = new ArrayList<>();
        holder.path("properties").propertyNames().forEach(known::add);
        String child = JsonPointers.child(object, key);
        String where = object.isEmpty() ? "at the top level" : "in `" + JsonPointers.toDisplayPath(object) + "`";
        for (String k : known) {
            if (GoKeys.equalFold(key, k) && isExactKey(holder, k)) {
                return new Violation(SchemaRules.KEY_CASE, Severity.ERROR, child, true,
                        "`" + key + "` " + where + " must be written `" + k + "`: V2Ray looks this key up with exact case",
                        "V2Ray says: \"" + V2rayMessages.notFoundInJsonContext(k) + "\"", null, null);
            }
            if (GoKeys.equalFold(key, k)) {
                JsonNode obj = instanceRoot.at(normalizedObject);
                boolean canRename = !obj.has(k);
                return new Violation(SchemaRules.KEY_CASE, Severity.WARNING, child, true,
                        "`" + key + "` " + where + " works because V2Ray ignores key case, but write `" + k + "`",
                        "rename `" + key + "` to `" + k + "`", null,
                        canRename ? Violation.Normalization.renameKey(normalizedObject, key, k) : null);
            }
        }
        String hint = hintFor(holder.path("x-vtool-key-hints"), key);
        String fix;
        if (hint != null) {
            fix = "`" + key + "` " + hint;
        } else {
            String guess = DidYouMean.closest(key, known);
            fix = guess != null ? "did you mean `" + guess + "`?"
                    : known.isEmpty() ? "remove it" : "known keys here: " + String.join(", ", known);
        }
        return new Violation(SchemaRules.UNKNOWN_KEY, Severity.WARNING, child, true,
                "unknown key `" + key + "` " + where + "; V2Ray 4.34 ignores it", fix, null, null);
    }

    private Violation wordType(JsonNode holder, JsonNode value, String normalizedPtr, String ptr, String path,
                               Severity severity, Error error) {
        List<String> types = new ArrayList<>();
        JsonNode t = holder.path("type");
        if (t.isArray()) {
            t.forEach(n -> types.add(n.asString()));
        } else {
            types.add(t.asString());
        }
        String nullIsValue = text(holder, "x-vtool-null-is-value", null);
        if (nullIsValue != null && instanceRoot.at(normalizedPtr).isNull()) {
            return violation(SchemaRules.TYPE, severity, ptr, path + " must be " + ValueWords.typeNames(types)
                    + ", got null", nullIsValue);
        }
        if (instanceRoot.at(normalizedPtr).isNull()) {
            String container = containerKeyword(error);
            if ("properties".equals(container)) {
                // Go leaves a field alone when its JSON value is null: exactly as if the key were absent.
                return new Violation(SchemaRules.NULL_VALUE, Severity.WARNING, ptr, false,
                        path + " is null; V2Ray treats it as if the key were absent", "remove the key or give it a value",
                        null, Violation.Normalization.removeKey(JsonPointers.parent(normalizedPtr),
                                JsonPointers.lastSegment(normalizedPtr)));
            }
            if ("items".equals(container) && types.equals(List.of("string"))) {
                // ... and a null element of a list of strings becomes "" (which is then checked as such).
                return new Violation(SchemaRules.NULL_VALUE, Severity.WARNING, ptr, false,
                        path + " is null; V2Ray reads it as an empty string \"\"", "remove it from the list", null,
                        Violation.Normalization.replaceValue(normalizedPtr, ""));
            }
        }
        String fix = text(holder, "x-vtool-type-hint", null);
        if (fix == null && value != null && value.isString()) {
            String s = value.asString().trim();
            if ((types.contains("integer") || types.contains("number")) && s.matches("-?[0-9]+(\\.[0-9]+)?")) {
                fix = "write the number without quotes: " + s;
            } else if (types.contains("boolean") && (s.equals("true") || s.equals("false"))) {
                fix = "write " + s + " without quotes";
            } else if (types.contains("array") && types.size() == 1
                    && "string".equals(holder.path("items").path("type").asString(""))) {
                fix = "put it in a list: [" + ValueWords.quote(value.asString()) + "]";
            }
        } else if (fix == null && value != null && value.isNumber() && types.contains("integer")
                && value.canConvertToExactIntegral()) {
            // never expand 1e999999 into its million digits
            java.math.BigDecimal d = value.decimalValue();
            fix = d.precision() - d.scale() <= 20
                    ? "V2Ray reads only whole-number literals here: write " + d.toBigInteger()
                    : "V2Ray reads only whole-number literals here, within the field's range";
        } else if (fix == null && value != null && value.isNumber() && types.contains("string")) {
            fix = "put it in quotes: \"" + value.asString() + "\"";
        }
        return violation(SchemaRules.TYPE, severity, ptr, path + " must be " + ValueWords.typeNames(types)
                + ", got " + ValueWords.describe(value), fix);
    }

    private Violation wordEnum(JsonNode holder, JsonNode value, String normalizedPtr, String ptr, String path,
                               Severity severity) {
        List<String> allowed = new ArrayList<>();
        JsonNode values = holder.has("enum") ? holder.get("enum") : holder.path("const");
        if (values.isArray()) {
            values.forEach(v -> allowed.add(v.asString()));
        } else if (!values.isMissingNode()) {
            allowed.add(values.asString());
        }
        String got = value == null ? "" : value.isString() ? value.asString() : null;
        if (got != null && holder.path("x-vtool-ignore-case").asBoolean(false)) {
            for (String a : allowed) {
                if (a.equalsIgnoreCase(got)) {
                    return new Violation(SchemaRules.VALUE_CASE, Severity.WARNING, ptr, false,
                            path + " " + ValueWords.quote(got) + " works because V2Ray ignores case here, but write "
                                    + ValueWords.quote(a), "write " + ValueWords.quote(a), null,
                            Violation.Normalization.replaceValue(normalizedPtr, a));
                }
            }
        }
        String hint = got == null ? null : hintFor(holder.path("x-vtool-value-hints"), got);
        String guess = got == null ? null : DidYouMean.closest(got, allowed);
        String fix = hint != null ? hint : guess != null ? "did you mean " + ValueWords.quote(guess) + "?" : null;
        List<String> shown = new ArrayList<>();
        holder.path("x-vtool-display").forEach(v -> shown.add(v.asString())); // canonical names, without aliases
        if (shown.isEmpty()) {
            shown.addAll(allowed);
        }
        String list = shown.size() == 1 ? ValueWords.quote(shown.get(0))
                : "one of " + String.join(", ", shown.stream().map(v -> v.isEmpty() ? "\"\"" : v).toList());
        if (severity == Severity.WARNING) {
            JsonNode def = holder.path("default");
            String fallback = def.isMissingNode() ? "its default" : ValueWords.quote(def.asString());
            return violation(SchemaRules.IGNORED_VALUE, Severity.WARNING, ptr, path + " " + ValueWords.literal(value)
                    + " is not " + list + "; V2Ray silently uses " + fallback + " instead", fix);
        }
        return violation(SchemaRules.ENUM, severity, ptr, path + " must be " + list + "; got "
                + ValueWords.literal(value), fix);
    }

    private Violation wordRequired(JsonNode holder, String normalizedObject, String object, String path,
                                   Severity severity, String missing) {
        JsonNode obj = instanceRoot.at(normalizedObject);
        for (String k : obj.propertyNames()) {
            if (GoKeys.equalFold(k, missing)) {
                return null; // present in another case: the key-case finding says so, V2Ray reads it
            }
        }
        JsonNode property = holder.path("properties").path(missing == null ? "" : missing);
        String said = text(property, "x-vtool-when-missing", null);
        String fix = said == null ? null : "V2Ray says: \"" + said + "\"";
        String member = JsonPointers.child(object, missing == null ? "" : missing);
        if (originalRoot.at(member).isNull()) { // removed by the null repair of an earlier pass
            return new Violation(SchemaRules.REQUIRED, severity, member, false, "`" + JsonPointers.toDisplayPath(member)
                    + "` is null, which V2Ray reads as missing", fix, "required:" + member, null);
        }
        String where = object.isEmpty() ? "the config" : path;
        return new Violation(SchemaRules.REQUIRED, severity, object, false, where + " is missing `" + missing + "`",
                fix, "required:" + member, null);
    }

    private Violation wordCombinator(String combinatorFragment, String ptr, String path) {
        JsonNode holder = model.holderOf(combinatorFragment);
        String keyword = lastSegment(combinatorFragment);
        String said = text(holder.path("x-vtool-messages"), keyword, null);
        String group = "combinator:" + ptr + "@" + combinatorFragment;
        if (said != null) {
            return new Violation(SchemaRules.REQUIRED, severityOf(holder, keyword), ptr, false, path + ": " + said,
                    null, group, null);
        }
        return new Violation(SchemaRules.FORMAT, severityOf(holder, keyword), ptr, false,
                path + " does not match any of the forms V2Ray accepts here", null, group, null);
    }

    /** Keys V2Ray reads through its config loader's map lookup rather than Go's case-folding decoder. */
    private static boolean isExactKey(JsonNode holder, String key) {
        for (JsonNode k : holder.path("x-vtool-exact-keys")) {
            if (k.asString().equals(key)) {
                return true;
            }
        }
        return false;
    }

    /** The hint for a wrong value or key: exact spelling first, then ignoring case ("External", "FakeDNS"). */
    private static String hintFor(JsonNode hints, String wrong) {
        String exact = text(hints, wrong, null);
        if (exact != null) {
            return exact;
        }
        for (String known : hints.propertyNames()) {
            if (GoKeys.equalFold(wrong, known)) {
                return text(hints, known, null);
            }
        }
        return null;
    }

    /**
     * Where the failing subschema was applied: "properties" for a named member of an object, "items" for a
     * list element, "additionalProperties" for a map value (skipping $ref/allOf hops).
     */
    private static String containerKeyword(Error error) {
        if (error.getEvaluationPath() == null) {
            return null;
        }
        String[] segs = error.getEvaluationPath().toString().split("/");
        int i = segs.length - 2; // skip the keyword itself
        while (i >= 1 && (segs[i].equals("$ref") || segs[i].matches("[0-9]+") || segs[i].equals("allOf"))) {
            i--;
        }
        if (i >= 1 && segs[i - 1].equals("properties")) {
            return "properties";
        }
        return i >= 0 && (segs[i].equals("items") || segs[i].equals("additionalProperties")) ? segs[i] : null;
    }

    private static Violation violation(RuleInfo rule, Severity severity, String ptr, String message, String fix) {
        return new Violation(rule, severity, ptr, false, message, fix, null, null);
    }

    private static String v2rayHint(JsonNode holder) {
        String said = text(holder, "x-vtool-when-missing", null);
        return said == null ? null : "V2Ray says: \"" + said + "\"";
    }

    private static String range(JsonNode holder) {
        JsonNode min = holder.path("minimum");
        JsonNode max = holder.path("maximum");
        if (!min.isMissingNode() && !max.isMissingNode()) {
            return ValueWords.number(min) + "–" + ValueWords.number(max);
        }
        return !min.isMissingNode() ? "at least " + ValueWords.number(min) : "at most " + ValueWords.number(max);
    }

    private static Severity severityOf(JsonNode holder, String keyword) {
        JsonNode s = holder.path("x-vtool-severity");
        String level = s.isString() ? s.asString() : s.path(keyword).isString() ? s.path(keyword).asString() : null;
        if (level == null) {
            return Severity.ERROR;
        }
        return Severity.valueOf(level.toUpperCase(Locale.ROOT));
    }

    private static String message(JsonNode holder, String keyword, String fallback) {
        return text(holder.path("x-vtool-messages"), keyword, fallback);
    }

    private static String text(JsonNode node, String field, String fallback) {
        JsonNode v = node == null ? null : node.get(field);
        return v != null && v.isString() ? v.asString() : fallback;
    }

    /** The schema-location fragment of the failing keyword, e.g. {@code /definitions/log/properties/loglevel/enum}. */
    private static String fragment(Error error) {
        String loc = error.getSchemaLocation() == null ? "" : error.getSchemaLocation().toString();
        int hash = loc.indexOf('#');
        String f = hash >= 0 ? loc.substring(hash + 1) : "";
        return f.startsWith("/") ? f : "";
    }

    /** For a location inside an anyOf/oneOf branch, the location of that anyOf/oneOf keyword. */
    private static String combinatorPrefix(String fragment) {
        String[] segs = fragment.split("/");
        StringBuilder prefix = new StringBuilder();
        String found = null;
        for (int i = 1; i < segs.length; i++) {
            prefix.append('/').append(segs[i]);
            if (segs[i].equals("anyOf") || segs[i].equals("oneOf")) {
                found = prefix.toString();
                break; // the outermost combinator decides
            }
        }
        return found;
    }

    private static String lastSegment(String fragment) {
        int slash = fragment.lastIndexOf('/');
        return slash < 0 ? fragment : fragment.substring(slash + 1);
    }
}
