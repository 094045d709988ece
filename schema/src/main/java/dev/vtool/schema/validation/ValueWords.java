package dev.vtool.schema.validation;

import java.util.List;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** How JSON values and JSON types are named in messages: "the string \"4\"", "a number". */
final class ValueWords {
    private ValueWords() {
    }

    /** The value as a user would recognise it: {@code the string "4"}, {@code the number 70000}, {@code a list}. */
    static String describe(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isString()) {
            return "the string " + quote(value.asString());
        }
        if (value.isNumber()) {
            return "the number " + value.asString();
        }
        if (value.isBoolean()) {
            return value.asString();
        }
        if (value.isArray()) {
            return "a list";
        }
        return "an object";
    }

    /** The value alone, for "got X" after a range or enum: {@code 70000}, {@code "tpc"}. */
    static String literal(JsonNode value) {
        if (value == null || value.isMissingNode()) {
            return "nothing";
        }
        if (value.isString()) {
            return quote(value.asString());
        }
        if (value.isNull()) {
            return "null";
        }
        if (value.isContainer()) {
            return describe(value);
        }
        return value.asString();
    }

    /** "a number", "a string or a number" for the type names of a schema's {@code type}. */
    static String typeNames(List<String> types) {
        return types.stream().map(ValueWords::typeName).distinct().collect(Collectors.joining(" or "));
    }

    static String typeName(String schemaType) {
        return switch (schemaType) {
            case "integer" -> "a whole number";
            case "number" -> "a number";
            case "string" -> "a string";
            case "boolean" -> "true or false";
            case "array" -> "a list [...]";
            case "object" -> "an object {...}";
            case "null" -> "null";
            default -> schemaType;
        };
    }

    static String quote(String s) {
        String shown = s.length() > 60 ? s.substring(0, 57) + "..." : s;
        return "\"" + shown.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    /** A number printed without a trailing ".0" (schema bounds are read as doubles by some paths). */
    static String number(JsonNode n) {
        return n.isIntegralNumber() ? n.asString() : n.asString().replaceAll("\\.0$", "");
    }
}
