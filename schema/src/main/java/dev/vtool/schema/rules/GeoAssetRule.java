package dev.vtool.schema.rules;

import dev.vtool.schema.finding.Severity;
import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.lint.RuleContext;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/**
 * {@code geoip:} / {@code geosite:} need geoip.dat / geosite.dat, which Debian's v2ray does not ship:
 * an error when the file is in none of V2Ray's asset locations (v2ray -test fails), a note otherwise.
 */
public final class GeoAssetRule extends SimpleRule {
    private final GeoAssets assets;

    public GeoAssetRule() {
        this(GeoAssets.ofThisMachine());
    }

    GeoAssetRule(GeoAssets assets) {
        super("geo-asset", Severity.ERROR,
                "geoip:/geosite: lists need geoip.dat/geosite.dat in V2Ray's asset directory; without them V2Ray refuses the config.");
        this.assets = assets;
    }

    @Override
    public void check(ConfigDocument doc, RuleContext ctx) {
        Set<String> noted = new HashSet<>();
        for (Routing.Rule rule : Routing.rules(doc)) {
            for (String key : List.of("domain", "domains")) {
                scan(ctx, Keys.stringList(rule.get(key), rule.ptr(key)), noted);
            }
            for (String key : List.of("ip", "source")) {
                scan(ctx, Keys.stringList(rule.get(key), rule.ptr(key)), noted);
            }
        }
        JsonNode dns = Keys.get(doc.root(), "dns");
        String dnsPtr = Keys.ptr("", doc.root(), "dns");
        JsonNode servers = Keys.get(dns, "servers");
        if (servers.isArray()) {
            String base = Keys.ptr(dnsPtr, dns, "servers");
            for (int i = 0; i < servers.size(); i++) {
                JsonNode s = servers.get(i);
                String sPtr = JsonPointers.child(base, i);
                for (String key : List.of("domains", "expectIps")) {
                    scan(ctx, Keys.stringList(Keys.get(s, key), Keys.ptr(sPtr, s, key)), noted);
                }
            }
        }
        JsonNode hosts = Keys.get(dns, "hosts");
        if (hosts.isObject()) {
            String hostsPtr = Keys.ptr(dnsPtr, dns, "hosts");
            for (String key : hosts.propertyNames()) {
                scanOne(ctx, key, JsonPointers.child(hostsPtr, key), true, noted);
            }
        }
    }

    private void scan(RuleContext ctx, List<Keys.Item> items, Set<String> noted) {
        for (Keys.Item item : items) {
            scanOne(ctx, item.value(), item.pointer(), false, noted);
        }
    }

    private void scanOne(RuleContext ctx, String value, String pointer, boolean atKey, Set<String> noted) {
        String lower = Keys.lower(value.trim());
        String kind = lower.startsWith("geoip:") ? "geoip" : lower.startsWith("geosite:") ? "geosite" : null;
        if (kind == null) {
            return;
        }
        String file = kind + ".dat";
        String list = value.trim().substring(kind.length() + 1);
        if (list.isEmpty()) {
            return; // an empty list name is a grammar error: domain-matcher / ip-matcher report it
        }
        Path found = assets.find(file);
        if (found == null) {
            String dirs = assets.directories().stream().map(Path::toString).collect(Collectors.joining(", "));
            String message = "\"" + value + "\" needs " + file + ", which is in none of V2Ray's asset directories ("
                    + dirs + "); V2Ray fails with \"failed to load " + kind + ": " + list
                    + " > failed to open file: " + file + "\" (Debian's v2ray package does not ship it)";
            String fix = "download " + file + " from the v2fly/" + (kind.equals("geoip") ? "geoip" : "domain-list-community")
                    + " releases into /usr/local/share/v2ray/ (or set V2RAY_LOCATION_ASSET), or list the "
                    + (kind.equals("geoip") ? "IP ranges" : "domains") + " directly";
            if (atKey) {
                ctx.reportKey(pointer, message, fix);
            } else {
                ctx.report(pointer, message, fix);
            }
        } else if (noted.add(file)) {
            ctx.report(Severity.INFO, pointer, "\"" + value + "\" uses " + found + "; keep it updated, and install the same"
                            + " file wherever this config runs", null);
        }
    }
}
