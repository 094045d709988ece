package dev.vtool.cli.output;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import java.io.PrintStream;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** For scripts: one JSON object with every finding and a summary (documented in the README). */
public final class JsonFormatter implements FindingsFormatter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public void write(List<Finding> findings, int inputs, List<RuleInfo> rules, PrintStream out) {
        ObjectNode root = NODES.objectNode();
        ArrayNode list = root.putArray("findings");
        for (Finding f : findings) {
            ObjectNode o = list.addObject();
            putLocation(o, f.location());
            o.put("severity", f.severity().label());
            o.put("rule", f.ruleId());
            o.put("message", f.message());
            if (f.fix() != null) {
                o.put("fix", f.fix());
            }
            if (!f.related().isEmpty()) {
                ArrayNode rel = o.putArray("related");
                for (Location l : f.related()) {
                    putLocation(rel.addObject(), l);
                }
            }
        }
        Summary s = Summary.of(findings);
        ObjectNode sum = root.putObject("summary");
        sum.put("files", inputs);
        sum.put("errors", s.errors());
        sum.put("warnings", s.warnings());
        sum.put("infos", s.infos());
        out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    static void putLocation(ObjectNode o, Location l) {
        if (l == null) {
            return;
        }
        o.put("file", l.fileName());
        o.put("line", l.line());
        o.put("column", l.column());
    }
}
