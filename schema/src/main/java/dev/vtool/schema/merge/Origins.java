package dev.vtool.schema.merge;

import dev.vtool.schema.finding.Location;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.util.HashMap;
import java.util.Map;

/**
 * Maps pointers of a composed tree back to the documents they came from: each mapped prefix names a
 * value in a source document; a pointer below it keeps its remaining path in that document.
 */
final class Origins implements ConfigDocument.Origins {
    private final Map<String, Part> byPrefix = new HashMap<>();

    void map(String composedPointer, Part source) {
        byPrefix.put(composedPointer, source);
    }

    @Override
    public Location value(String pointer) {
        Resolved r = resolve(pointer);
        return r.part.doc().locate(r.sourcePointer);
    }

    @Override
    public Location key(String pointer) {
        Resolved r = resolve(pointer);
        return r.part.doc().locateKey(r.sourcePointer);
    }

    private record Resolved(Part part, String sourcePointer) {
    }

    private Resolved resolve(String pointer) {
        String p = pointer;
        while (true) {
            Part part = byPrefix.get(p);
            if (part != null) {
                return new Resolved(part, part.pointer() + pointer.substring(p.length()));
            }
            if (p.isEmpty()) {
                throw new IllegalStateException("composed document without a root origin");
            }
            p = JsonPointers.parent(p);
        }
    }
}
