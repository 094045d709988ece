package dev.vtool.schema.model;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.merge.ConfigMerger;
import dev.vtool.schema.protocol.ConfigProtocol;
import dev.vtool.schema.protocol.ConfigProtocols;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.text.V2rayMessages;
import dev.vtool.schema.transport.StreamSettings;
import dev.vtool.schema.transport.StreamSettingsParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Turns a parsed config into the {@link Config} that {@code vtool run} executes: the generic parts (log,
 * policy, the inbound/outbound envelope, routing) here, each protocol's {@code settings} through its
 * {@link ConfigProtocol} (found in {@link ConfigProtocols}, never guessed). Reads keys the way V2Ray 4.34
 * does (see {@link ConfigNode}).
 *
 * <p>Every problem goes to a {@link ConfigProblems}: a hard error stops the one inbound, outbound or rule
 * it is in, never the rest, so one pass names everything that keeps the config from running — V2Ray's
 * errors and the features vtool does not run yet alike. A config is never run with a feature silently
 * dropped.
 */
public final class ConfigModelBuilder {
    private final ConfigProtocols protocols;

    public ConfigModelBuilder() {
        this(ConfigProtocols.discovered());
    }

    public ConfigModelBuilder(ConfigProtocols protocols) {
        this.protocols = protocols;
    }

    /** Builds one document; throws with every problem found ({@link ConfigModelException#problems()}). */
    public Config build(ConfigDocument doc) throws ConfigModelException {
        ConfigProblems problems = new ConfigProblems(doc);
        Config config = build(doc, problems);
        if (!problems.isEmpty()) {
            throw problems.toException();
        }
        return config;
    }

    /**
     * Builds one document, reporting every problem to {@code problems}. The result holds what could be
     * built (entities with problems left out); it must not be run unless {@code problems} stayed empty.
     * Null when the document is not a JSON object at all.
     */
    public Config build(ConfigDocument doc, ConfigProblems problems) {
        ConfigNode root = ConfigNode.root(doc);
        ConfigNode transport = null;
        try {
            transport = root.json().isObject() ? root.object("transport") : null;
        } catch (ConfigModelException e) {
            problems.error(e);
        }
        return build(root, transport, problems);
    }

    /** @param transport the {@code transport} section every stream of this config is read with, or null */
    private Config build(ConfigNode root, ConfigNode transport, ConfigProblems problems) {
        if (!root.json().isObject()) {
            problems.error(root, "the configuration must be a JSON object");
            return null;
        }
        StreamSettingsParser streams = new StreamSettingsParser(transport);
        unsupportedSections(root, problems);
        LogSettings log = section(root, "log", LogSettings.DEFAULT, problems, ConfigModelBuilder::log);
        Policy policy = section(root, "policy", Policy.DEFAULT, problems, ConfigModelBuilder::policy);
        Routing routing = section(root, "routing", Routing.EMPTY, problems, new RoutingBuilder(problems)::build);
        List<InboundConfig> inbounds = new ArrayList<>();
        List<OutboundConfig> outbounds = new ArrayList<>();
        try {
            for (ConfigNode n : root.array("inbounds")) {
                InboundConfig in = inbound(n, streams, problems);
                if (in != null) {
                    inbounds.add(in);
                }
            }
        } catch (ConfigModelException e) {
            problems.error(e);
        }
        try {
            for (ConfigNode n : root.array("outbounds")) {
                OutboundConfig out = outbound(n, streams, problems);
                if (out != null) {
                    outbounds.add(out);
                }
            }
        } catch (ConfigModelException e) {
            problems.error(e);
        }
        DnsSettings dns = section(root, "dns", DnsSettings.ABSENT, problems, new DnsSettingsBuilder(problems)::build);
        ApiSettings api = section(root, "api", null, problems, ConfigModelBuilder::api);
        boolean stats = root.get("stats") != null && !root.get("stats").json().isNull();
        ReverseSettings reverse = section(root, "reverse", ReverseSettings.NONE, problems, ConfigModelBuilder::reverse);
        return new Config(log, policy, inbounds, outbounds, routing, dns, stats, api, reverse);
    }

    /**
     * Builds several files in command-line order: merged first into one document with 4.34's rules (the
     * first is the base; {@link ConfigMerger}), which also remaps the deprecated 4.x layout, then built.
     */
    public Config build(List<ConfigDocument> docs) throws ConfigModelException {
        return build(new ConfigMerger().merge(docs).document());
    }

    private interface SectionParser<T> {
        T parse(ConfigNode section) throws ConfigModelException;
    }

    /** A top-level section through its parser; on a hard error the default stands and the error is reported. */
    private static <T> T section(ConfigNode root, String key, T fallback, ConfigProblems problems,
                                 SectionParser<T> parser) {
        try {
            ConfigNode n = root.object(key);
            return n == null ? fallback : parser.parse(n);
        } catch (ConfigModelException e) {
            problems.error(e);
            return fallback;
        }
    }

    private static void unsupportedSections(ConfigNode root, ConfigProblems problems) {
        // the transport section's refusals come from the stream settings parser, once for all streams.
        // The 4.x layout reaches here only from a caller that skipped ConfigMerger (which remaps it):
        // refuse it rather than run a config with its inbounds silently missing.
        for (String key : List.of("inbound", "outbound", "inboundDetour", "outboundDetour", "port")) {
            ConfigNode n = root.get(key);
            if (n != null) {
                problems.notSupported(n, "the deprecated \"" + key + "\" key outside ConfigMerger",
                        "read the files through ConfigMerger (as every vtool command does)");
            }
        }
    }

    // ---- reverse ----

    /** 4.34's {@code ReverseConfig.Build} and {@code NewBridge}/{@code NewPortal}: tag and domain are required. */
    private static ReverseSettings reverse(ConfigNode n) throws ConfigModelException {
        return new ReverseSettings(reverseEntries(n, "bridges", "bridge"), reverseEntries(n, "portals", "portal"));
    }

    private static List<ReverseSettings.Entry> reverseEntries(ConfigNode n, String key, String one)
            throws ConfigModelException {
        List<ReverseSettings.Entry> out = new ArrayList<>();
        for (ConfigNode e : n.array(key)) {
            String tag = e.string("tag", "");
            String domain = e.string("domain", "");
            if (tag.isEmpty()) {
                throw e.error("app/reverse: " + one + " tag is empty");
            }
            if (domain.isEmpty()) {
                throw e.error("app/reverse: " + one + " domain is empty");
            }
            out.add(new ReverseSettings.Entry(tag, domain));
        }
        return out;
    }

    // ---- api ----

    /** 4.34's {@code APIConfig.Build}: the tag is required, unknown service names are ignored. */
    private static ApiSettings api(ConfigNode n) throws ConfigModelException {
        String tag = n.string("tag", "");
        if (tag.isEmpty()) {
            throw n.error("API tag can't be empty.");
        }
        List<String> services = new ArrayList<>();
        for (String s : n.stringList("services")) {
            String lower = s.toLowerCase(Locale.ROOT);
            if (List.of("handlerservice", "loggerservice", "statsservice", "reflectionservice").contains(lower)
                    && !services.contains(lower)) {
                services.add(lower);
            }
        }
        return new ApiSettings(tag, services);
    }

    // ---- log and policy ----

    private static LogSettings log(ConfigNode n) throws ConfigModelException {
        LogLevel level = switch (n.lowerString("loglevel", "warning")) {
            case "debug" -> LogLevel.DEBUG;
            case "info" -> LogLevel.INFO;
            case "error" -> LogLevel.ERROR;
            case "none" -> LogLevel.NONE;
            default -> LogLevel.WARNING; // V2Ray silently maps unknown levels to warning
        };
        if (level == LogLevel.NONE) {
            return new LogSettings(level, LogOutput.NONE, LogOutput.NONE);
        }
        return new LogSettings(level, logOutput(n.string("access", "")), logOutput(n.string("error", "")));
    }

    private static LogOutput logOutput(String value) {
        if (value.isEmpty()) {
            return LogOutput.CONSOLE;
        }
        return value.equalsIgnoreCase("none") ? LogOutput.NONE : LogOutput.file(value);
    }

    private static Policy policy(ConfigNode n) throws ConfigModelException {
        Map<Integer, LevelPolicy> levels = new HashMap<>();
        ConfigNode lv = n.object("levels");
        if (lv != null) {
            for (Map.Entry<String, JsonNode> e : lv.json().properties()) {
                ConfigNode one = lv.get(e.getKey());
                int level;
                try {
                    level = Integer.parseUnsignedInt(e.getKey());
                } catch (NumberFormatException ex) {
                    throw lv.error("policy.levels: level key \"" + e.getKey() + "\" is not a non-negative number");
                }
                if (one == null) {
                    continue;
                }
                LevelPolicy d = LevelPolicy.DEFAULT;
                long buffer = one.has("bufferSize")
                        ? one.number("bufferSize", 0, Integer.MIN_VALUE, Integer.MAX_VALUE) : d.bufferSize() / 1024;
                levels.put(level, new LevelPolicy(
                        seconds(one, "handshake", d.handshake()), seconds(one, "connIdle", d.connIdle()),
                        seconds(one, "uplinkOnly", d.uplinkOnly()), seconds(one, "downlinkOnly", d.downlinkOnly()),
                        buffer < 0 ? -1 : buffer * 1024,
                        one.bool("statsUserUplink"), one.bool("statsUserDownlink")));
            }
        }
        ConfigNode sys = n.object("system");
        SystemPolicy system = sys == null ? SystemPolicy.DEFAULT : new SystemPolicy(sys.bool("statsInboundUplink"),
                sys.bool("statsInboundDownlink"), sys.bool("statsOutboundUplink"), sys.bool("statsOutboundDownlink"));
        return new Policy(levels, system, limits(n.object("limits")));
    }

    /** vtool's {@code policy.limits}; each key falls back to its default. */
    private static Limits limits(ConfigNode n) throws ConfigModelException {
        Limits d = Limits.DEFAULT;
        if (n == null) {
            return d;
        }
        return new Limits((int) n.number("maxConnections", d.maxConnections(), 1, Integer.MAX_VALUE),
                (int) n.number("maxConnectionsPerSource", d.maxConnectionsPerSource(), 1, Integer.MAX_VALUE),
                (int) n.number("httpMaxHeaderSize", d.httpMaxHeaderSize(), 1024, 16 * 1024 * 1024),
                (int) n.number("udpMaxSessions", d.udpMaxSessions(), 1, Integer.MAX_VALUE),
                (int) n.number("udpMaxSessionsPerSource", d.udpMaxSessionsPerSource(), 1, Integer.MAX_VALUE),
                n.has("udpSessionIdle") ? Duration.ofSeconds(n.number("udpSessionIdle", 0, 1, 0xFFFFFFFFL))
                        : d.udpSessionIdle());
    }

    private static Duration seconds(ConfigNode n, String key, Duration fallback) throws ConfigModelException {
        return n.has(key) ? Duration.ofSeconds(n.number(key, 0, 0, 0xFFFFFFFFL)) : fallback;
    }

    // ---- the inbound and outbound envelope ----

    /**
     * The protocol {@code n} names on {@code side}, or null after reporting why it cannot be built: an id
     * nothing registered is V2Ray's "unknown config id", a known one vtool does not run is refused by name.
     */
    private ConfigProtocol protocol(ConfigNode n, Side side, String unknownPrefix, ConfigProblems problems)
            throws ConfigModelException {
        ConfigNode protoNode = n.get("protocol");
        String id = n.lowerString("protocol", "");
        ConfigProtocol p = protocols.find(id, side);
        if (p == null) {
            problems.error(protoNode != null ? protoNode : n, unknownPrefix + V2rayMessages.unknownConfigId(id));
            return null;
        }
        if (!p.supportedByRun()) {
            problems.notSupported(protoNode, side.word() + " protocol \"" + id + "\"");
            return null;
        }
        return p;
    }

    private InboundConfig inbound(ConfigNode n, StreamSettingsParser streams, ConfigProblems problems) {
        int before = problems.size();
        try {
            ConfigProtocol protocol = protocol(n, Side.INBOUND, "failed to load inbound detour config. > ", problems);
            StreamSettings stream = streamSettings(n, streams, problems);
            String tag = n.string("tag", null);
            ConfigNode listenNode = n.get("listen");
            boolean unix = listenNode != null && listenNode.json().isString() && isUnixSocket(listenNode.json().asString());
            if (unix && listenNode.json().asString().startsWith("@@")) {
                // a padded abstract name is a 108-byte sun_path, which Netty's native bind refuses (see DomainSocketConfig)
                problems.notSupported(listenNode, "listen on a padded abstract socket name (@@)");
                return null;
            }
            // 4.34 ignores the port of an inbound that listens on a unix socket
            String listen = unix ? listenNode.json().asString() : listen(n);
            PortRange ports = unix ? new PortRange(0, 0) : ports(n, listen);
            Allocation allocation = unix ? Allocation.ALWAYS : allocation(n.object("allocate"), ports);
            Sniffing sniffing = sniffing(n);
            if (protocol == null) {
                return null;
            }
            ConfigNode settingsNode = n.object("settings");
            ConfigNode settings = settingsNode != null ? settingsNode : n.emptyObject("settings");
            InboundSettings s = protocol.parseInbound(n, settings, problems);
            return problems.size() > before ? null
                    : new InboundConfig(tag, listen, ports, protocol.id(), s, sniffing, stream, n.pointer(), allocation);
        } catch (ConfigModelException e) {
            problems.error(e);
            return null;
        }
    }

    /** 4.34's InboundDetourAllocationConfig and its "not enough ports" check. */
    private static Allocation allocation(ConfigNode a, PortRange ports) throws ConfigModelException {
        if (a == null) {
            return Allocation.ALWAYS;
        }
        String written = a.string("strategy", "");
        String strategy = written.toLowerCase(Locale.ROOT);
        if (!strategy.equals("always") && !strategy.equals("random")) {
            ConfigNode at = a.get("strategy") == null ? a : a.get("strategy");
            throw at.error(strategy.equals("external") ? "unknown allocation strategy: External"
                    : "unknown allocation strategy: " + written);
        }
        int concurrency = (int) a.number("concurrency", 3, 0, 0xFFFFFFFFL);
        int refresh = (int) a.number("refresh", 5, 0, 0xFFFFFFFFL);
        if (written.equals("random") && a.has("concurrency")
                && concurrency >= ports.to() - ports.from() + 1) {
            throw a.get("concurrency").error("not enough ports. concurrency = " + concurrency + " ports: "
                    + ports.from() + " - " + ports.to());
        }
        if (!strategy.equals("random")) {
            return Allocation.ALWAYS;
        }
        if (refresh == 0) {
            // 4.34 would tick every 0 minutes, i.e. spin; vtool refuses it rather than imitate that
            throw a.get("refresh").error("allocate.refresh must be at least 1 minute");
        }
        return new Allocation(true, refresh, concurrency);
    }

    private static boolean isUnixSocket(String listen) {
        return listen.startsWith("/") || listen.startsWith("@");
    }

    private static String listen(ConfigNode n) throws ConfigModelException {
        ConfigNode l = n.get("listen");
        if (l == null) {
            return null;
        }
        if (!l.json().isString()) {
            throw l.error(l.path() + ": expected an IP address string");
        }
        String v = l.json().asString();
        if (v.equalsIgnoreCase("localhost")) {
            return "127.0.0.1";
        }
        if (!IpText.isIpLiteral(v)) {
            throw l.error("unable to listen on domain address: " + v);
        }
        return IpText.stripBrackets(v);
    }

    private static PortRange ports(ConfigNode n, String listen) throws ConfigModelException {
        ConfigNode p = n.get("port");
        if (p == null) {
            throw n.error(listen == null ? "Listen on AnyIP but no Port(s) set in InboundDetour."
                    : "Listen on specific ip without port in InboundDetour.");
        }
        String text;
        if (p.json().isIntegralNumber()) {
            text = p.json().asString();
        } else if (p.json().isString()) {
            text = p.json().asString();
            if (text.startsWith("env:")) {
                String env = System.getenv(text.substring(4));
                if (env == null) {
                    throw p.error(V2rayMessages.invalidPortRange("\"" + text + "\""));
                }
                text = env;
            }
        } else {
            throw p.error(V2rayMessages.invalidPortRange(p.json()));
        }
        PortRange r = PortText.parseRange(text);
        if (r == null) {
            throw p.error(V2rayMessages.invalidPortRange(text));
        }
        return r;
    }

    private static Sniffing sniffing(ConfigNode n) throws ConfigModelException {
        ConfigNode s = n.object("sniffing");
        if (s == null) {
            return Sniffing.OFF;
        }
        List<String> over = new ArrayList<>();
        for (String p : s.stringList("destOverride")) {
            switch (p.toLowerCase(Locale.ROOT)) {
                case "http" -> over.add("http");
                case "tls", "https", "ssl" -> over.add("tls");
                default -> throw s.get("destOverride").error("failed to build sniffing config > unknown protocol: " + p);
            }
        }
        return new Sniffing(s.bool("enabled"), over);
    }

    /**
     * The one place an inbound's or outbound's {@code streamSettings} is read (the transport package's
     * parser): what vtool's transports cannot carry yet goes to {@code problems}, named; what 4.34 rejects
     * is thrown and stops this inbound or outbound.
     */
    private static StreamSettings streamSettings(ConfigNode n, StreamSettingsParser streams, ConfigProblems problems)
            throws ConfigModelException {
        return streams.parse(n, problems::notSupported);
    }

    private OutboundConfig outbound(ConfigNode n, StreamSettingsParser streams, ConfigProblems problems) {
        int before = problems.size();
        try {
            ConfigProtocol protocol = protocol(n, Side.OUTBOUND, "failed to parse to outbound detour config. > ",
                    problems);
            StreamSettings stream = streamSettings(n, streams, problems);
            int muxConcurrency = muxConcurrency(n.object("mux"));
            ConfigNode proxy = n.object("proxySettings");
            String proxyTag = proxy == null ? null : proxy.string("tag", "");
            if (proxyTag != null && proxyTag.isEmpty()) {
                throw proxy.error("invalid outbound detour proxy settings. > Proxy tag is not set.");
            }
            String sendThrough = n.string("sendThrough", null);
            if (sendThrough != null && !IpText.isIpLiteral(sendThrough)) {
                throw n.get("sendThrough").error("unable to send through: " + sendThrough);
            }
            if (protocol == null) {
                return null;
            }
            ConfigNode settingsNode = n.object("settings");
            ConfigNode settings = settingsNode != null ? settingsNode : n.emptyObject("settings");
            OutboundSettings s = protocol.parseOutbound(n, settings, problems);
            return problems.size() > before ? null : new OutboundConfig(n.string("tag", null), protocol.id(), s,
                    sendThrough == null ? null : IpText.stripBrackets(sendThrough), proxyTag, stream, n.pointer(),
                    muxConcurrency);
        } catch (ConfigModelException e) {
            problems.error(e);
            return null;
        }
    }

    /**
     * 4.34's {@code mux}: off unless {@code enabled}; a negative {@code concurrency} turns it off too, 0
     * means 8, above 1024 is refused (even when disabled, as 4.34 does).
     */
    private static int muxConcurrency(ConfigNode mux) throws ConfigModelException {
        if (mux == null) {
            return 0;
        }
        long c = mux.number("concurrency", 0, Short.MIN_VALUE, Short.MAX_VALUE);
        if (c > 1024) {
            throw mux.get("concurrency").error("invalid mux concurrency: " + c);
        }
        if (!mux.bool("enabled") || c < 0) {
            return 0;
        }
        return c == 0 ? 8 : (int) c;
    }
}
