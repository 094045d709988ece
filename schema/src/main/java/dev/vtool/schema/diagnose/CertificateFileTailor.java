package dev.vtool.schema.diagnose;

import dev.vtool.schema.json.GoKeys;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** A certificate or key file V2Ray could not open: names the config key that holds the path, and where. */
final class CertificateFileTailor implements Tailor {

    @Override
    public List<String> advise(EntryGroup group, TailorContext context) {
        List<String> out = new ArrayList<>();
        for (String file : group.values("file")) {
            for (ConfigDocument doc : context.documents()) {
                List<String> pointers = new ArrayList<>();
                find(doc.root(), "", file, pointers);
                for (String p : pointers) {
                    out.add(JsonPointers.toDisplayPath(p) + " at " + doc.locate(p) + " names " + file
                            + ", which V2Ray could not open; fix the path (absolute, readable by the service user)");
                }
            }
        }
        return out;
    }

    /** Collects pointers of certificateFile/keyFile values equal to the file. */
    private static void find(JsonNode node, String pointer, String file, List<String> out) {
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = JsonPointers.child(pointer, e.getKey());
                JsonNode v = e.getValue();
                if ((GoKeys.equalFold(e.getKey(), "certificateFile") || GoKeys.equalFold(e.getKey(), "keyFile"))
                        && v.isString() && v.asString().equals(file)) {
                    out.add(child);
                } else {
                    find(v, child, file, out);
                }
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                find(node.get(i), JsonPointers.child(pointer, i), file, out);
            }
        }
    }
}
