package dev.vtool.schema.validation;

import com.networknt.schema.Error;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.DoubleNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.databind.node.StringNode;

/**
 * Validates a document against the JSON Schema of V2Ray 4.34's config format and words each violation
 * for a user, at the position of the offending value. ERROR means V2Ray 4.34 refuses the config; what
 * V2Ray silently tolerates (unknown keys, unknown log level, key case) is a WARNING.
 *
 * <p>V2Ray matches keys and many enum values case-insensitively. So after a pass that found such case
 * differences, a copy of the config with the documented spelling is checked again: a {@code "Port": 70000}
 * is then still reported as out of range, at the user's {@code Port}.
 */
public final class SchemaValidator {
    public static final List<RuleInfo> RULES = SchemaRules.ALL;
    private static final SchemaValidator SHARED = new SchemaValidator();
    /** Each pass can only repair one more level of nesting (a key inside a renamed key); bounded for safety. */
    private static final int MAX_PASSES = 10;

    private volatile SchemaModel model;
    private final java.util.concurrent.atomic.AtomicBoolean preloading = new java.util.concurrent.atomic.AtomicBoolean();

    public static SchemaValidator shared() {
        return SHARED;
    }

    /**
     * Compiles the schema on a daemon thread of its own, so that a lint that reads and checks its files
     * meanwhile finds it ready: compiling is about a fifth of a short lint's CPU time and a second core
     * is usually idle during start-up. A later {@link #validate} waits for it (or compiles it itself when
     * the thread could not start).
     */
    public void preloadInBackground() {
        if (model != null || !preloading.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                model();
            } catch (RuntimeException e) {
                // validate() compiles again and reports the failure where the user sees it
            }
        }, "schema-preload");
        t.setDaemon(true);
        t.start();
    }

    /** The JSON Schema as shipped (draft-07), for {@code vtool schema} and editors; does not compile it. */
    public static String schemaText() {
        return SchemaModel.readText();
    }

    public List<Finding> validate(ConfigDocument doc) {
        try {
            return check(doc);
        } catch (RuntimeException e) {
            // Never take the whole lint down: the semantic rules still run, and the user learns what to report.
            return List.of(new Finding("internal", Severity.WARNING, doc.locate(""),
                    "the schema check failed: " + e, "please report this as a vtool bug"));
        }
    }

    private List<Finding> check(ConfigDocument doc) {
        SchemaModel m = model();
        // The copy that case repairs and moved floats go into is made only when needed: on a large
        // config it would double the tree.
        JsonNode copy = doc.root();
        boolean copied = false;
        if (hasIntegralFloat(copy)) {
            copy = copy.deepCopy();
            copied = true;
            offsetIntegralFloats(copy);
        }
        PointerMap pointers = new PointerMap();
        List<Violation> repaired = new ArrayList<>();
        List<Violation> last = List.of();
        long dropped = 0;
        for (int pass = 0; pass < MAX_PASSES; pass++) {
            ViolationWording wording = new ViolationWording(m, copy, doc.root(), pointers);
            List<Violation> found = new ArrayList<>();
            CappedErrors errors = new CappedErrors();
            m.compiled.validate(copy, (com.networknt.schema.ExecutionContext context) -> context.setErrors(errors));
            dropped = errors.dropped();
            for (Error e : errors) {
                Violation v = wording.word(e);
                if (v != null) {
                    found.add(v);
                }
            }
            // A repaired spot no longer fails in the next pass, so its finding is kept from this one.
            List<Violation> repairs = found.stream().filter(v -> v.normalize() != null).toList();
            repaired.addAll(repairs);
            last = found.stream().filter(v -> v.normalize() == null).toList();
            if (repairs.isEmpty()) {
                break;
            }
            if (!copied) {
                copy = copy.deepCopy();
                copied = true;
            }
            for (Violation v : repairs) {
                apply(copy, v.normalize(), pointers);
            }
        }
        List<Violation> all = new ArrayList<>(repaired);
        all.addAll(last);
        List<Finding> findings = toFindings(doc, all);
        if (dropped > 0) {
            findings.add(new Finding(SchemaRules.LIMIT.id(), SchemaRules.LIMIT.severity(), doc.locate(""),
                    "the schema check kept the first " + CappedErrors.MAX + " problems of this file and left out "
                            + dropped + " more", "fix the problems shown, then lint again"));
        }
        return findings;
    }

    /**
     * Go refuses 1080.0 or 1e3 for every integer field (and 4.34's config has no float fields), but JSON
     * Schema draft 6+ (and so networknt) counts them as integers. Replacing such values in the copy by a
     * number off the integer grid (±0.5) lets the {@code type} keyword catch them; messages quote the
     * user's original value, never the replacement. The value itself is never converted to a double: 1e300
     * plus 0.5 is still integral, and 1e999999 is out of double range altogether.
     */
    private static void offsetIntegralFloats(JsonNode node) {
        if (node instanceof ObjectNode obj) {
            for (String key : new ArrayList<>(obj.propertyNames())) {
                JsonNode v = obj.get(key);
                if (isIntegralFloat(v)) {
                    obj.set(key, offGrid(v));
                } else {
                    offsetIntegralFloats(v);
                }
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) {
                JsonNode v = arr.get(i);
                if (isIntegralFloat(v)) {
                    arr.set(i, offGrid(v));
                } else {
                    offsetIntegralFloats(v);
                }
            }
        }
    }

    private static boolean hasIntegralFloat(JsonNode node) {
        if (isIntegralFloat(node)) {
            return true;
        }
        if (node.isContainer()) {
            for (JsonNode child : node.values()) {
                if (hasIntegralFloat(child)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static DoubleNode offGrid(JsonNode v) {
        return DoubleNode.valueOf(v.decimalValue().signum() < 0 ? -0.5 : 0.5);
    }

    private static boolean isIntegralFloat(JsonNode v) {
        if (!v.isNumber() || v.isIntegralNumber()) {
            return false;
        }
        if (v.isBigDecimal()) {
            // exact, and without building the integer: 1e999999 is integral, 1.5 and 1e-999999 are not
            java.math.BigDecimal d = v.decimalValue();
            return d.signum() == 0 || d.scale() <= 0 || d.stripTrailingZeros().scale() <= 0;
        }
        return v.canConvertToExactIntegral();
    }

    private static void apply(JsonNode copy, Violation.Normalization n, PointerMap pointers) {
        switch (n.kind()) {
            case RENAME_KEY -> {
                if (copy.at(n.objectPointer()) instanceof ObjectNode obj && obj.has(n.fromKey()) && !obj.has(n.toKey())) {
                    obj.set(n.toKey(), obj.remove(n.fromKey()));
                    pointers.add(JsonPointers.child(n.objectPointer(), n.toKey()),
                            JsonPointers.child(pointers.toOriginal(n.objectPointer()), n.fromKey()));
                }
            }
            case REMOVE_KEY -> {
                if (copy.at(n.objectPointer()) instanceof ObjectNode obj) {
                    obj.remove(n.fromKey());
                }
            }
            case REPLACE_VALUE -> {
                String parent = JsonPointers.parent(n.valuePointer());
                String last = JsonPointers.lastSegment(n.valuePointer());
                JsonNode container = copy.at(parent);
                if (container instanceof ObjectNode obj) {
                    obj.set(last, StringNode.valueOf(n.newValue()));
                } else if (container instanceof ArrayNode arr && last.matches("[0-9]+")
                        && Integer.parseInt(last) < arr.size()) {
                    arr.set(Integer.parseInt(last), StringNode.valueOf(n.newValue()));
                }
            }
        }
    }

    /** One finding per problem: the first of a group, and one error per spot (networknt reports a spot many ways). */
    private static List<Finding> toFindings(ConfigDocument doc, List<Violation> violations) {
        Map<String, Finding> out = new LinkedHashMap<>();
        Set<String> errorSpots = new HashSet<>();
        // A value of the wrong type also fails its enum/pattern/range; the type is the one thing to say.
        Set<String> wrongType = new HashSet<>();
        Set<String> hasError = new HashSet<>();
        for (Violation v : violations) {
            if (v.rule() == SchemaRules.TYPE) {
                wrongType.add(v.pointer());
            }
            if (v.severity() == Severity.ERROR && !v.atKey()) {
                hasError.add(v.pointer());
            }
        }
        for (Violation v : violations) {
            if (v.rule() != SchemaRules.TYPE && !v.atKey() && wrongType.contains(v.pointer())) {
                continue;
            }
            if (v.rule() == SchemaRules.NULL_VALUE && hasError.contains(v.pointer())) {
                continue; // "null, which V2Ray reads as missing" already says it
            }
            String key = v.group() != null ? v.group()
                    : v.rule().id() + "|" + v.pointer() + "|" + v.atKey() + "|" + v.message();
            if (out.containsKey(key)) {
                continue;
            }
            String spot = v.pointer() + "|" + v.atKey();
            if (v.severity() == Severity.ERROR && v.group() == null && !errorSpots.add(spot)) {
                continue; // e.g. a too-short secret also fails its pattern: say it once
            }
            var at = v.atKey() ? doc.locateKey(v.pointer()) : doc.locate(v.pointer());
            out.put(key, new Finding(v.rule().id(), v.severity(), at, v.message(), v.fix()));
        }
        return new ArrayList<>(out.values());
    }

    /**
     * Loads and compiles the bundled schema once, on first use, so commands that never validate (help,
     * version, uuid) never pay for it. Classpath only: no network, no meta-schema fetch.
     */
    private SchemaModel model() {
        SchemaModel m = model;
        if (m == null) {
            synchronized (this) {
                m = model;
                if (m == null) {
                    m = SchemaModel.load(SchemaModel.readText());
                    model = m;
                }
            }
        }
        return m;
    }
}
