package dev.vtool.schema.diagnose;

import dev.vtool.schema.finding.Severity;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The knowledge base in a compact binary form, written at build time from the YAML
 * ({@link KnowledgeBaseCompiler}) so that `diagnose` starts without parsing YAML: the YAML reader and
 * the JSON tree behind it cost more start-up CPU than reading a whole log of a few MB. Strings are
 * modified UTF-8 (DataOutput); lists are a count and their items.
 */
final class KnowledgeBaseCodec {
    /** Where the build puts the compiled form, next to the YAML it comes from. */
    static final String RESOURCE = "/dev/vtool/diagnose/knowledge-base.bin";
    private static final int MAGIC = 0x766B6201; // "vkb" and a format version

    private KnowledgeBaseCodec() {
    }

    static void write(KnowledgeBase kb, OutputStream target) throws IOException {
        DataOutputStream out = new DataOutputStream(target);
        out.writeInt(MAGIC);
        out.writeInt(kb.entries().size());
        for (KbEntry e : kb.entries()) {
            out.writeUTF(e.id());
            out.writeUTF(e.title());
            out.writeUTF(e.severity().name());
            writePatterns(out, e.patterns());
            out.writeUTF(e.cause());
            out.writeUTF(e.fix());
            out.writeUTF(e.doc());
            out.writeBoolean(e.tailor() != null);
            if (e.tailor() != null) {
                out.writeUTF(e.tailor());
            }
            writeStrings(out, e.examples());
        }
        writePatterns(out, kb.routinePatternList().stream().map(GuardedPattern::pattern).toList());
        out.flush();
    }

    static KnowledgeBase read(InputStream source) throws IOException {
        DataInputStream in = new DataInputStream(source);
        if (in.readInt() != MAGIC) {
            throw new IOException("not a compiled knowledge base of this version");
        }
        int n = in.readInt();
        List<KbEntry> entries = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            String id = in.readUTF();
            String title = in.readUTF();
            Severity severity = Severity.valueOf(in.readUTF());
            List<Pattern> patterns = readPatterns(in);
            String cause = in.readUTF();
            String fix = in.readUTF();
            String doc = in.readUTF();
            String tailor = in.readBoolean() ? in.readUTF() : null;
            entries.add(new KbEntry(id, title, severity, patterns, cause, fix, doc, tailor, readStrings(in)));
        }
        return new KnowledgeBase(entries, readPatterns(in));
    }

    private static void writePatterns(DataOutputStream out, List<Pattern> patterns) throws IOException {
        writeStrings(out, patterns.stream().map(Pattern::pattern).toList());
    }

    private static List<Pattern> readPatterns(DataInputStream in) throws IOException {
        return readStrings(in).stream().map(Pattern::compile).toList();
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            out.writeUTF(s);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int n = in.readInt();
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(in.readUTF());
        }
        return out;
    }
}
