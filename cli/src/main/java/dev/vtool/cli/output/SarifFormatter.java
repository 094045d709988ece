package dev.vtool.cli.output;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.finding.RuleInfo;
import dev.vtool.schema.finding.Severity;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** SARIF 2.1.0, so GitHub code scanning shows findings on the line. */
public final class SarifFormatter implements FindingsFormatter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    @Override
    public void write(List<Finding> findings, int inputs, List<RuleInfo> rules, PrintStream out) {
        ObjectNode root = NODES.objectNode();
        root.put("$schema", "https://json.schemastore.org/sarif-2.1.0.json");
        root.put("version", "2.1.0");
        ObjectNode run = root.putArray("runs").addObject();
        ObjectNode driver = run.putObject("tool").putObject("driver");
        driver.put("name", "vtool");
        driver.put("version", version());
        ArrayNode ruleList = driver.putArray("rules");
        for (RuleInfo r : rules) {
            ObjectNode o = ruleList.addObject();
            o.put("id", r.id());
            o.putObject("shortDescription").put("text", r.doc());
            o.putObject("defaultConfiguration").put("level", level(r.severity()));
        }
        ArrayNode results = run.putArray("results");
        for (Finding f : findings) {
            ObjectNode o = results.addObject();
            o.put("ruleId", f.ruleId());
            o.put("level", level(f.severity()));
            o.putObject("message").put("text", f.fix() == null ? f.message() : f.message() + "\nFix: " + f.fix());
            if (f.location() != null) {
                o.putArray("locations").add(physical(f.location()));
            }
            if (!f.related().isEmpty()) {
                ArrayNode rel = o.putArray("relatedLocations");
                int id = 1;
                for (Location l : f.related()) {
                    ObjectNode r = physical(l);
                    r.put("id", id++);
                    rel.add(r);
                }
            }
        }
        out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static ObjectNode physical(Location l) {
        ObjectNode loc = NODES.objectNode();
        ObjectNode phys = loc.putObject("physicalLocation");
        phys.putObject("artifactLocation").put("uri", uri(l.fileName()));
        ObjectNode region = phys.putObject("region");
        region.put("startLine", l.line());
        region.put("startColumn", l.column());
        return loc;
    }

    /** Relative paths stay relative (GitHub resolves them against the checkout), with forward slashes. */
    private static String uri(String file) {
        Path p = Path.of(file).normalize();
        return p.toString().replace('\\', '/');
    }

    private static String level(Severity s) {
        return s == Severity.ERROR ? "error" : s == Severity.WARNING ? "warning" : "note";
    }

    private static String version() {
        String v = SarifFormatter.class.getPackage().getImplementationVersion();
        return v == null ? "dev" : v;
    }
}
