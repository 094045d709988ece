package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Severity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
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
    private final CandidateSet entryPatterns;
    private final CandidateSet routinePatterns;

    KnowledgeBase(List<KbEntry> entries, List<Pattern> routine) {
        this.entries = List.copyOf(entries);
        this.routine = routine.stream().map(GuardedPattern::new).toList();
        List<GuardedPattern> entryGuarded = new ArrayList<>();
        List<KbEntry> owners = new ArrayList<>();
        for (KbEntry e : this.entries) {
            for (GuardedPattern p : e.guardedPatterns()) {
                entryGuarded.add(p);
                owners.add(e);
            }
        }
        List<String> exact = new ArrayList<>();
        List<String> anyCase = new ArrayList<>();
        for (GuardedPattern p : concat(entryGuarded, this.routine)) {
            (ignoresCase(p) ? anyCase : exact).addAll(pieces(p));
        }
        List<String> examples = new ArrayList<>();
        this.entries.forEach(e -> examples.addAll(e.examples()));
        this.literals = new LiteralIndex(exact, anyCase, examples);
        this.entryPatterns = new CandidateSet(entryGuarded, owners);
        this.routinePatterns = new CandidateSet(this.routine, null);
    }

    private static List<GuardedPattern> concat(List<GuardedPattern> a, List<GuardedPattern> b) {
        List<GuardedPattern> out = new ArrayList<>(a);
        out.addAll(b);
        return out;
    }

    private static boolean ignoresCase(GuardedPattern p) {
        return p.pattern().pattern().startsWith("(?i)") || (p.pattern().flags() & Pattern.CASE_INSENSITIVE) != 0;
    }

    /** The pieces one of which every match contains, or none when that cannot be proven. */
    private static List<String> pieces(GuardedPattern p) {
        List<String> pieces = RequiredLiteral.anyOf(p.pattern().pattern());
        return pieces == null ? List.of() : pieces;
    }

    /**
     * Patterns in file order, indexed by guard: after a scan, the patterns worth trying are those
     * without a guard plus those of the guards found, tried in file order (the first match wins).
     */
    private final class CandidateSet {
        private final GuardedPattern[] patterns;
        private final KbEntry[] owners;
        /** Patterns that have no guard: tried for every line. */
        private final int[] always;
        /** Piece id to the patterns it guards. */
        private final int[][] byPiece;

        CandidateSet(List<GuardedPattern> list, List<KbEntry> owners) {
            this.patterns = list.toArray(new GuardedPattern[0]);
            this.owners = owners == null ? new KbEntry[patterns.length] : owners.toArray(new KbEntry[0]);
            List<Integer> always = new ArrayList<>();
            List<List<Integer>> byPiece = new ArrayList<>();
            for (int i = 0; i < literals.size(); i++) {
                byPiece.add(new ArrayList<>());
            }
            for (int i = 0; i < patterns.length; i++) {
                List<String> pieces = pieces(patterns[i]);
                boolean ignoreCase = ignoresCase(patterns[i]);
                int[] ids = pieces.stream().mapToInt(piece -> literals.id(piece, ignoreCase)).toArray();
                if (ids.length == 0 || Arrays.stream(ids).anyMatch(id -> id == LiteralIndex.NONE)) {
                    always.add(i);
                } else {
                    for (int id : ids) {
                        byPiece.get(id).add(i);
                    }
                }
            }
            this.always = always.stream().mapToInt(Integer::intValue).toArray();
            this.byPiece = byPiece.stream().map(l -> l.stream().mapToInt(Integer::intValue).toArray())
                    .toArray(int[][]::new);
        }

        /** The patterns worth trying after the scan in {@code hits}, in file order, into {@code out}. */
        int candidates(LiteralIndex.Hits hits, int[] out) {
            int n = 0;
            for (int i : always) {
                out[n++] = i;
            }
            for (int k = 0; k < hits.count(); k++) {
                for (int i : byPiece[hits.get(k)]) {
                    out[n++] = i;
                }
            }
            Arrays.sort(out, 0, n);
            return n;
        }

        /** The most {@link #candidates} can return (a pattern may be listed under several pieces). */
        int maxCandidates() {
            return always.length + Arrays.stream(byPiece).mapToInt(a -> a.length).sum();
        }
    }

    /** The knowledge base shipped with vtool (loaded once). */
    public static KnowledgeBase builtIn() {
        KnowledgeBase kb = builtIn;
        if (kb == null) {
            kb = compiled();
            if (kb == null) {
                kb = fromYaml();
            }
            builtIn = kb;
        }
        return kb;
    }

    private static KnowledgeBase fromYaml() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new KnowledgeBaseException("resource " + RESOURCE + " is missing from the jar");
            }
            return load(in);
        } catch (IOException e) {
            throw new KnowledgeBaseException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
        }
    }

    /**
     * The form the build compiled from the YAML (no YAML parser to start), or null when this class path
     * has none (a build that skipped the step): then the YAML is read.
     */
    private static KnowledgeBase compiled() {
        try (InputStream in = KnowledgeBase.class.getResourceAsStream(KnowledgeBaseCodec.RESOURCE)) {
            return in == null ? null : KnowledgeBaseCodec.read(in);
        } catch (IOException e) {
            return null;
        }
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

    /** The routine patterns in file order. */
    List<GuardedPattern> routinePatternList() {
        return routine;
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
        private final int[] tried = new int[Math.max(entryPatterns.maxCandidates(), routinePatterns.maxCandidates())];
        private String scannedText;

        private Lookup() {
        }

        /** See {@link KnowledgeBase#match}. */
        public Match match(String text) {
            scan(text);
            int n = entryPatterns.candidates(hits, tried);
            int previous = -1;
            for (int k = 0; k < n; k++) {
                int i = tried[k];
                if (i == previous) {
                    continue; // listed under two pieces that both occur
                }
                previous = i;
                Map<String, String> groups = entryPatterns.patterns[i].matchContaining(text);
                if (groups != null) {
                    return new Match(entryPatterns.owners[i], groups);
                }
            }
            return null;
        }

        /** See {@link KnowledgeBase#isRoutine}. */
        public boolean isRoutine(String text) {
            scan(text);
            int n = routinePatterns.candidates(hits, tried);
            for (int k = 0; k < n; k++) {
                if (routinePatterns.patterns[tried[k]].matchContaining(text) != null) {
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
