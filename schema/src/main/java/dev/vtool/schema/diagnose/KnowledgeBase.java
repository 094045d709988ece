package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The messages vtool knows, loaded from {@code knowledge-base.yaml} (data, not code) with every
 * pattern compiled once. Entries are tried in file order and the first match wins, so the file lists
 * specific messages before the generic wrappers around them. {@code routine} patterns recognise
 * normal lines (start-up, listening, routing decisions) that need no diagnosis.
 */
public final class KnowledgeBase {
    public static final String RESOURCE = "/dev/vtool/diagnose/knowledge-base.yaml";
    private static volatile KnowledgeBase builtIn;

    private final List<KbEntry> entries;
    private final List<GuardedPattern> routine;
    /** The guards of every pattern (entries' and routine), found in a line by one scan. */
    private final LiteralIndex literals;
    /** Every entry's patterns flattened in file order (entry order, then pattern order). */
    private final Candidate[] entryPatterns;
    private final Candidate[] routinePatterns;

    KnowledgeBase(List<KbEntry> entries, List<Pattern> routine) {
        this.entries = List.copyOf(entries);
        this.routine = routine.stream().map(GuardedPattern::new).toList();
        List<String> guards = new ArrayList<>();
        for (KbEntry e : this.entries) {
            e.guardedPatterns().forEach(p -> guards.add(p.literal()));
        }
        this.routine.forEach(p -> guards.add(p.literal()));
        this.literals = new LiteralIndex(guards);
        List<Candidate> all = new ArrayList<>();
        for (KbEntry e : this.entries) {
            for (GuardedPattern p : e.guardedPatterns()) {
                all.add(new Candidate(e, p, literals.id(p.literal())));
            }
        }
        this.entryPatterns = all.toArray(new Candidate[0]);
        this.routinePatterns = this.routine.stream().map(p -> new Candidate(null, p, literals.id(p.literal())))
                .toArray(Candidate[]::new);
    }

    /** A pattern, its entry (null for routine patterns) and the id of its guard in {@link #literals}. */
    private record Candidate(KbEntry entry, GuardedPattern pattern, int literal) {
    }

    /** The knowledge base shipped with vtool (loaded once). */
    public static KnowledgeBase builtIn() {
        KnowledgeBase kb = builtIn;
        if (kb == null) {
            try (InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCE)) {
                if (in == null) {
                    throw new KnowledgeBaseException("resource " + RESOURCE + " is missing from the jar");
                }
                kb = load(in);
            } catch (IOException e) {
                throw new KnowledgeBaseException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
            }
            builtIn = kb;
        }
        return kb;
    }

    /** Loads and checks a knowledge base; a malformed one fails with a message naming the entry. */
    public static KnowledgeBase load(InputStream yaml) {
        JsonNode root;
        try {
            root = YAMLMapper.builder().build().readTree(yaml);
        } catch (JacksonException e) {
            throw new KnowledgeBaseException("knowledge base is not valid YAML: " + e.getOriginalMessage(), e);
        }
        if (root == null || !root.path("entries").isArray()) {
            throw new KnowledgeBaseException("knowledge base needs a top-level 'entries' list");
        }
        List<KbEntry> entries = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        int index = 0;
        for (JsonNode e : root.get("entries")) {
            String where = "entry #" + index++;
            String id = required(e, "id", where);
            where = "entry '" + id + "'";
            if (!ids.add(id)) {
                throw new KnowledgeBaseException(where + ": duplicate id");
            }
            entries.add(new KbEntry(id, required(e, "title", where), severity(required(e, "severity", where), where),
                    patterns(e.path("patterns"), where + " patterns"), required(e, "cause", where),
                    required(e, "fix", where), required(e, "doc", where), optional(e, "tailor"),
                    strings(e.path("examples"), where)));
        }
        List<Pattern> routine = patterns(root.path("routine"), "routine");
        return new KnowledgeBase(entries, routine);
    }

    public List<KbEntry> entries() {
        return entries;
    }

    public KbEntry entry(String id) {
        return entries.stream().filter(e -> e.id().equals(id)).findFirst().orElse(null);
    }

    /** The first entry (in file order) recognising the text, with its captured parts; null if none. */
    public Match match(String text) {
        return lookup().match(text);
    }

    /** True if the text is a normal event (listening, routing decision, start-up banner). */
    public boolean isRoutine(String text) {
        return lookup().isRoutine(text);
    }

    /** A matcher for one thread, reusing its scratch space line after line (cheaper than {@link #match}). */
    public Lookup lookup() {
        return new Lookup();
    }

    /**
     * Matches lines for one thread: one scan of a line finds which guards it contains, then only the
     * patterns whose guard is present (or that have none) run their regular expression.
     */
    public final class Lookup {
        private final LiteralIndex.Hits hits = literals.newHits();
        private String scannedText;

        private Lookup() {
        }

        /** See {@link KnowledgeBase#match}. */
        public Match match(String text) {
            scan(text);
            for (Candidate c : entryPatterns) {
                if (hits.has(c.literal())) {
                    Map<String, String> groups = c.pattern().matchContaining(text);
                    if (groups != null) {
                        return new Match(c.entry(), groups);
                    }
                }
            }
            return null;
        }

        /** See {@link KnowledgeBase#isRoutine}. */
        public boolean isRoutine(String text) {
            scan(text);
            for (Candidate c : routinePatterns) {
                if (hits.has(c.literal()) && c.pattern().matchContaining(text) != null) {
                    return true;
                }
            }
            return false;
        }

        private void scan(String text) {
            if (text != scannedText) { // the same line asked for a match, then whether it is routine
                literals.scan(text, hits);
                scannedText = text;
            }
        }
    }

    /** An entry that recognised a line, and the variable parts (port, ip, user...) it captured. */
    public record Match(KbEntry entry, Map<String, String> groups) {
    }

    private static String required(JsonNode e, String field, String where) {
        JsonNode v = e.get(field);
        if (v == null || !v.isString() || v.asString().isBlank()) {
            throw new KnowledgeBaseException(where + ": missing or empty '" + field + "'");
        }
        return v.asString().strip();
    }

    private static String optional(JsonNode e, String field) {
        JsonNode v = e.get(field);
        return v == null || v.isNull() ? null : v.asString().strip();
    }

    private static Severity severity(String value, String where) {
        try {
            return Severity.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException ex) {
            throw new KnowledgeBaseException(where + ": severity must be error, warning or info, not '" + value + "'");
        }
    }

    private static List<String> strings(JsonNode list, String where) {
        List<String> out = new ArrayList<>();
        if (list.isMissingNode() || list.isNull()) {
            return out;
        }
        if (!list.isArray()) {
            throw new KnowledgeBaseException(where + ": 'examples' must be a list");
        }
        list.forEach(n -> out.add(n.asString()));
        return out;
    }

    private static List<Pattern> patterns(JsonNode list, String where) {
        if (!list.isArray() || list.isEmpty()) {
            throw new KnowledgeBaseException(where + ": needs a non-empty list of regular expressions");
        }
        List<Pattern> out = new ArrayList<>();
        for (JsonNode n : list) {
            try {
                out.add(Pattern.compile(n.asString()));
            } catch (PatternSyntaxException ex) {
                throw new KnowledgeBaseException(where + ": bad regular expression " + n.asString() + ": "
                        + ex.getDescription(), ex);
            }
        }
        return out;
    }
}
