package dev.vtool.schema.diagnose;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Build step: checks the knowledge-base YAML (as {@link KnowledgeBase#load} does) and writes its
 * compiled form ({@link KnowledgeBaseCodec}). Usage: {@code KnowledgeBaseCompiler YAML OUTPUT}.
 */
public final class KnowledgeBaseCompiler {
    private KnowledgeBaseCompiler() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: KnowledgeBaseCompiler knowledge-base.yaml knowledge-base.bin");
        }
        KnowledgeBase kb;
        try (InputStream in = Files.newInputStream(Path.of(args[0]))) {
            kb = KnowledgeBase.load(in);
        }
        Path out = Path.of(args[1]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        try (OutputStream o = Files.newOutputStream(out)) {
            KnowledgeBaseCodec.write(kb, o);
        }
    }
}
