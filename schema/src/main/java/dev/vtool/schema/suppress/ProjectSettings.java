package dev.vtool.schema.suppress;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.source.SourceFile;
import dev.vtool.schema.text.DidYouMean;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A project's lint settings, from the first {@code .vtool.json} found in the config's directory or above
 * (commented JSON like the configs):
 * <pre>
 * {
 *   "disable": ["placeholder-address"],              // never report these rules here
 *   "severity": {"legacy-alter-id": "error",          // error, warning, info, or off
 *                "freedom-allow-private": "off"}
 * }
 * </pre>
 * Mistakes in it (unknown keys, rules or severities) are errors with the position, never ignored.
 *
 * @param file      where the settings came from, or null for none
 * @param disabled  rule ids never reported
 * @param severity  rule id to its severity; {@link Optional#empty()} means off
 */
public record ProjectSettings(Path file, Set<String> disabled, Map<String, Optional<Severity>> severity) {
    public static final String FILE_NAME = ".vtool.json";
    public static final ProjectSettings NONE = new ProjectSettings(null, Set.of(), Map.of());

    /** A mistake in a settings file, already worded with its position. */
    public static final class SettingsException extends Exception {
        public SettingsException(String message) {
            super(message, null, false, false);
        }
    }

    /** The settings that apply to a config in {@code dir}: the nearest .vtool.json upwards, or none. */
    public static ProjectSettings findFrom(Path dir, Collection<String> knownRules) throws SettingsException {
        for (Path d = dir.toAbsolutePath().normalize(); d != null; d = d.getParent()) {
            Path candidate = d.resolve(FILE_NAME);
            if (Files.isRegularFile(candidate)) {
                return read(candidate, knownRules);
            }
        }
        return NONE;
    }

    public static ProjectSettings read(Path file, Collection<String> knownRules) throws SettingsException {
        SourceFile source;
        try {
            source = SourceFile.read(file);
        } catch (IOException e) {
            throw new SettingsException(file + ": cannot read: " + e.getMessage());
        }
        ReadResult read = new ConfigReader().read(source);
        if (!read.ok()) {
            Finding f = read.findings().get(0);
            throw new SettingsException(where(f) + f.message());
        }
        ConfigDocument doc = read.document();
        Set<String> disabled = new LinkedHashSet<>();
        Map<String, Optional<Severity>> severity = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> e : doc.root().properties()) {
            String key = e.getKey();
            String at = "/" + key;
            switch (key) {
                case "disable" -> {
                    JsonNode list = e.getValue();
                    if (!list.isArray()) {
                        throw fail(doc, at, "\"disable\" must be a list of rule ids, like [\"open-proxy\"]");
                    }
                    for (int i = 0; i < list.size(); i++) {
                        disabled.add(rule(doc, at + "/" + i, list.get(i), knownRules));
                    }
                }
                case "severity" -> {
                    JsonNode map = e.getValue();
                    if (!map.isObject()) {
                        throw fail(doc, at, "\"severity\" must be an object, like {\"open-proxy\": \"error\"}");
                    }
                    for (Map.Entry<String, JsonNode> s : map.properties()) {
                        String ruleAt = at + "/" + s.getKey();
                        rule(doc, ruleAt, tools.jackson.databind.node.StringNode.valueOf(s.getKey()), knownRules);
                        severity.put(s.getKey(), severity(doc, ruleAt, s.getValue()));
                    }
                }
                default -> throw fail(doc, at, "unknown key \"" + key + "\" (.vtool.json knows \"disable\" and "
                        + "\"severity\")" + DidYouMean.phrase(DidYouMean.suggest(key, Set.of("disable", "severity"))));
            }
        }
        return new ProjectSettings(file, Set.copyOf(disabled), Map.copyOf(severity));
    }

    private static String rule(ConfigDocument doc, String at, JsonNode node, Collection<String> knownRules)
            throws SettingsException {
        if (!node.isString()) {
            throw fail(doc, at, "a rule id must be a string, like \"open-proxy\"");
        }
        String id = node.asString();
        if (!knownRules.contains(id)) {
            throw fail(doc, at, "unknown rule \"" + id + "\"" + DidYouMean.phrase(DidYouMean.closest(id, knownRules))
                    + " (vtool lint --rules lists them)");
        }
        return id;
    }

    private static Optional<Severity> severity(ConfigDocument doc, String at, JsonNode node) throws SettingsException {
        String s = node.isString() ? node.asString().toLowerCase(Locale.ROOT) : "";
        return switch (s) {
            case "error" -> Optional.of(Severity.ERROR);
            case "warning" -> Optional.of(Severity.WARNING);
            case "info" -> Optional.of(Severity.INFO);
            case "off" -> Optional.empty();
            default -> throw fail(doc, at, "a severity is \"error\", \"warning\", \"info\" or \"off\", not " + node);
        };
    }

    private static SettingsException fail(ConfigDocument doc, String pointer, String message) {
        return new SettingsException(where(doc, pointer) + message);
    }

    private static String where(ConfigDocument doc, String pointer) {
        var loc = doc.locate(pointer);
        return loc == null ? doc.source().name() + ": " : loc.fileName() + ":" + loc.line() + ":" + loc.column() + ": ";
    }

    private static String where(Finding f) {
        return f.location() == null ? "" : f.location().fileName() + ":" + f.location().line() + ":"
                + f.location().column() + ": ";
    }
}
