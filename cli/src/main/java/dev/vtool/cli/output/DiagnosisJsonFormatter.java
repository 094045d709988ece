package dev.vtool.cli.output;

import dev.vtool.schema.diagnose.DiagnosisReport;
import dev.vtool.schema.diagnose.EntryGroup;
import dev.vtool.schema.diagnose.KbEntry;
import dev.vtool.schema.diagnose.LogLine;
import dev.vtool.schema.diagnose.UnrecognisedGroup;
import dev.vtool.schema.finding.Severity;
import java.io.PrintStream;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/** For scripts: every recognised entry group, every unrecognised shape, and the counts. */
public final class DiagnosisJsonFormatter {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    public void write(DiagnosisReport report, PrintStream out) {
        ObjectNode root = NODES.objectNode();
        ArrayNode entries = root.putArray("entries");
        for (EntryGroup g : report.groups()) {
            KbEntry e = g.entry();
            ObjectNode o = entries.addObject();
            o.put("id", e.id());
            o.put("severity", e.severity().label());
            o.put("title", e.title());
            o.put("count", g.count());
            o.put("firstSeen", g.firstSeen());
            o.put("lastSeen", g.lastSeen());
            putLine(o.putObject("example"), g.first());
            ObjectNode caps = o.putObject("captures");
            g.captures().forEach((name, values) -> {
                ObjectNode v = caps.putObject(name);
                values.forEach(v::put);
            });
            o.put("cause", e.cause());
            o.put("fix", g.fix());
            o.put("doc", e.doc());
            ArrayNode advice = o.putArray("advice");
            g.advice().forEach(advice::add);
        }
        ArrayNode unknown = root.putArray("unrecognised");
        for (UnrecognisedGroup u : report.unrecognisedGroups()) {
            ObjectNode o = unknown.addObject();
            o.put("shape", u.shape());
            o.put("count", u.count());
            putLine(o.putObject("example"), u.example());
        }
        ObjectNode sum = root.putObject("summary");
        ArrayNode inputs = sum.putArray("inputs");
        report.inputs().forEach(inputs::add);
        sum.put("lines", report.lines());
        sum.put("recognised", report.matched());
        sum.put("routine", report.routine());
        sum.put("unrecognised", report.unrecognised());
        sum.put("errors", report.groupsOf(Severity.ERROR));
        sum.put("warnings", report.groupsOf(Severity.WARNING));
        sum.put("infos", report.groupsOf(Severity.INFO));
        sum.put("problems", report.hasProblems());
        out.println(JsonMapper.shared().writerWithDefaultPrettyPrinter().writeValueAsString(root));
    }

    private static void putLine(ObjectNode o, LogLine line) {
        o.put("file", line.source());
        o.put("line", line.lineNumber());
        o.put("text", line.raw());
    }
}
