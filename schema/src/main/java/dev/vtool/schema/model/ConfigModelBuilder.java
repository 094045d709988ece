package dev.vtool.schema.model;

import dev.vtool.schema.json.ConfigDocument;
import dev.vtool.schema.transport.StreamSettings;
import dev.vtool.schema.transport.StreamSettingsParser;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Turns parsed config files into the {@link Config} that {@code vtool run} executes. Reads keys the way
 * V2Ray 4.34 does (case-insensitive, {@code null} = absent), merges several files with V2Ray's rules,
 * and refuses what the engine cannot run with an error that names the key and where it is — a config
 * is never run with a feature silently dropped.
 */
public final class ConfigModelBuilder {
    private static final Set<String> INBOUND_PROTOCOLS = Set.of("socks", "http", "dokodemo-door", "vmess");
    private static final Set<String> OUTBOUND_PROTOCOLS = Set.of("freedom", "blackhole", "socks", "http", "vmess");
    private static final Set<String> KNOWN_INBOUNDS = Set.of("socks", "http", "dokodemo-door", "vmess", "vless",
            "shadowsocks", "trojan", "mtproto");
    private static final Set<String> KNOWN_OUTBOUNDS = Set.of("socks", "http", "vmess", "vless", "shadowsocks",
            "trojan", "mtproto", "freedom", "blackhole", "dns");

    /** Builds one file. */
    public Config build(ConfigDocument doc) throws ConfigModelException {
        return build(List.of(doc));
    }

    /** Builds several files in command-line order: the first is the base, later ones merge into it. */
    public Config build(List<ConfigDocument> docs) throws ConfigModelException {
        LogSettings log = LogSettings.DEFAULT;
        Policy policy = Policy.DEFAULT;
        Routing routing = Routing.EMPTY;
        List<InboundConfig> inbounds = new ArrayList<>();
        List<OutboundConfig> outbounds = new ArrayList<>();
        ConfigNode dns = null;
        StreamSettingsParser streams = new StreamSettingsParser(transportSection(docs));
        for (ConfigDocument doc : docs) {
            ConfigNode root = ConfigNode.root(doc);
            if (!root.json().isObject()) {
                throw root.error("the configuration must be a JSON object");
            }
            rejectUnsupportedSections(root);
            if (root.has("dns")) {
                dns = root.object("dns");
            }
            if (root.has("log")) {
                log = log(root.object("log"));
            }
            if (root.has("policy")) {
                policy = policy(root.object("policy"));
            }
            if (root.has("routing")) {
                routing = routing(root.object("routing"));
            }
            List<InboundConfig> ins = new ArrayList<>();
            for (ConfigNode n : root.array("inbounds")) {
                ins.add(inbound(n, streams));
            }
            mergeInbounds(inbounds, ins);
            List<OutboundConfig> outs = new ArrayList<>();
            for (ConfigNode n : root.array("outbounds")) {
                outs.add(outbound(n, streams));
            }
            boolean tail = doc.source().name().toLowerCase(Locale.ROOT).contains("tail");
            mergeOutbounds(outbounds, outs, tail);
        }
        checkBalancers(routing, docs.get(docs.size() - 1));
        checkDnsUse(dns, routing, outbounds);
        return new Config(log, policy, inbounds, outbounds, routing);
    }

    /** 4.34 merges files first: the last file with a {@code transport} section supplies it to every stream. */
    private static ConfigNode transportSection(List<ConfigDocument> docs) throws ConfigModelException {
        ConfigNode section = null;
        for (ConfigDocument doc : docs) {
            ConfigNode root = ConfigNode.root(doc);
            if (root.json().isObject() && root.has("transport")) {
                section = root.object("transport");
            }
        }
        return section;
    }

    private static void mergeInbounds(List<InboundConfig> base, List<InboundConfig> more) {
        if (more.size() == 1 && !base.isEmpty()) {
            InboundConfig in = more.get(0);
            for (int i = 0; i < base.size(); i++) {
                if (in.tag() != null && in.tag().equals(base.get(i).tag())) {
                    base.set(i, in);
                    return;
                }
            }
            base.add(in);
        } else if (!more.isEmpty()) {
            base.clear();
            base.addAll(more);
        }
    }

    private static void mergeOutbounds(List<OutboundConfig> base, List<OutboundConfig> more, boolean tail) {
        if (more.size() == 1 && !base.isEmpty()) {
            OutboundConfig out = more.get(0);
            for (int i = 0; i < base.size(); i++) {
                if (out.tag() != null && out.tag().equals(base.get(i).tag())) {
                    base.set(i, out);
                    return;
                }
            }
            // V2Ray prepends (the new one becomes the default) unless the file name says "tail".
            base.add(tail ? base.size() : 0, out);
        } else if (!more.isEmpty()) {
            base.clear();
            base.addAll(more);
        }
    }

    private static void rejectUnsupportedSections(ConfigNode root) throws ConfigModelException {
        for (String key : List.of("api", "reverse")) {
            ConfigNode n = root.get(key);
            if (n != null && !(n.json().isObject() && n.json().isEmpty())) {
                throw n.error(key + ": this section is not supported by vtool run yet");
            }
        }
        for (String key : List.of("inbound", "outbound", "inboundDetour", "outboundDetour", "port")) {
            ConfigNode n = root.get(key);
            if (n != null) {
                throw n.error(key + ": this deprecated key is not supported by vtool run; use \"inbounds\"/\"outbounds\"");
            }
        }
    }

    /**
     * V2Ray consults its own DNS only for routing's IPIfNonMatch/IPOnDemand and freedom's UseIP*; AsIs
     * traffic is resolved by the system when dialing. So a dns section is harmless unless one of those
     * is configured — then vtool (which always uses the system resolver) would behave differently.
     */
    private static void checkDnsUse(ConfigNode dns, Routing routing, List<OutboundConfig> outbounds)
            throws ConfigModelException {
        if (dns == null) {
            return;
        }
        boolean onlySystem = dns.array("servers").stream()
                .allMatch(n -> n.json().isString() && n.json().asString().equalsIgnoreCase("localhost"));
        boolean hosts = dns.has("hosts") && !dns.get("hosts").json().isEmpty();
        if (onlySystem && !hosts) {
            return;
        }
        String user = null;
        if (routing.domainStrategy() != DomainStrategy.AS_IS) {
            user = "routing.domainStrategy " + (routing.domainStrategy() == DomainStrategy.IP_ON_DEMAND
                    ? "IPOnDemand" : "IPIfNonMatch");
        }
        for (OutboundConfig o : outbounds) {
            if (user == null && o.settings() instanceof FreedomSettings f
                    && f.domainStrategy() != FreedomSettings.Strategy.AS_IS) {
                user = "the freedom outbound" + (o.tag() == null ? "" : " [" + o.tag() + "]") + "'s domainStrategy";
            }
        }
        if (user != null) {
            throw dns.error("dns: " + user + " would resolve names with the built-in DNS (servers/hosts), "
                    + "which vtool run does not have yet; it uses the system resolver. Remove the dns section "
                    + "or use AsIs");
        }
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
                        buffer < 0 ? -1 : buffer * 1024));
            }
        }
        return new Policy(levels, limits(n.object("limits")));
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

    // ---- inbounds ----

    private static InboundConfig inbound(ConfigNode n, StreamSettingsParser streams) throws ConfigModelException {
        String where = n.path();
        ConfigNode protoNode = n.get("protocol");
        String protocol = n.lowerString("protocol", "");
        if (!KNOWN_INBOUNDS.contains(protocol)) {
            throw (protoNode != null ? protoNode : n).error(
                    "failed to load inbound detour config. > unknown config id: " + protocol);
        }
        if (!INBOUND_PROTOCOLS.contains(protocol)) {
            throw protoNode.error(where + ".protocol: " + protocol + " is not supported by vtool run yet");
        }
        String tag = n.string("tag", null);
        String listen = listen(n);
        PortRange ports = ports(n, listen);
        StreamSettings stream = streamSettings(n, streams);
        ConfigNode allocate = n.object("allocate");
        if (allocate != null && !"always".equals(allocate.lowerString("strategy", "always"))) {
            throw allocate.error(where + ".allocate.strategy: " + allocate.string("strategy", "")
                    + " is not supported by vtool run yet (every port of the range is listened on)");
        }
        ConfigNode settingsNode = n.object("settings");
        ConfigNode settings = settingsNode != null ? settingsNode : n.emptyObject("settings");
        InboundSettings s = switch (protocol) {
            case "socks" -> socksInbound(settings);
            case "http" -> httpInbound(settings);
            case "dokodemo-door" -> dokodemo(settings);
            default -> vmessInbound(settings);
        };
        return new InboundConfig(tag, listen, ports, protocol, s, sniffing(n), stream, n.pointer());
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
        if (v.startsWith("/") || v.startsWith("@")) {
            throw l.error(l.path() + ": Unix domain socket listeners are not supported by vtool run yet");
        }
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
                    throw p.error("invalid port range: \"" + text + "\"");
                }
                text = env;
            }
        } else {
            throw p.error("invalid port range: " + p.json());
        }
        PortRange r = PortText.parseRange(text);
        if (r == null) {
            throw p.error("invalid port range: " + text);
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

    /** Until the builder collects every refusal of a config, the first one found stops it. */
    private static StreamSettings streamSettings(ConfigNode n, StreamSettingsParser streams)
            throws ConfigModelException {
        List<ConfigModelException> refused = new ArrayList<>();
        StreamSettings stream = streams.parse(n, refused::add);
        if (!refused.isEmpty()) {
            throw refused.get(0);
        }
        return stream;
    }

    private static List<Account> accounts(ConfigNode s) throws ConfigModelException {
        List<Account> out = new ArrayList<>();
        for (ConfigNode a : s.array("accounts")) {
            out.add(new Account(a.string("user", ""), a.string("pass", "")));
        }
        return out;
    }

    private static SocksInboundSettings socksInbound(ConfigNode s) throws ConfigModelException {
        // V2Ray compares "password" case-sensitively; anything else is no authentication.
        boolean password = "password".equals(s.string("auth", "noauth"));
        String ip = s.string("ip", null);
        if (ip != null && !IpText.isIpLiteral(ip)) {
            throw s.get("ip").error(s.get("ip").path() + ": expected an IP address, got " + ip);
        }
        return new SocksInboundSettings(password, accounts(s), s.bool("udp"), ip,
                (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL));
    }

    private static HttpInboundSettings httpInbound(ConfigNode s) throws ConfigModelException {
        return new HttpInboundSettings(accounts(s), s.bool("allowTransparent"),
                (int) s.number("timeout", 0, 0, 0xFFFFFFFFL), (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL));
    }

    private static DokodemoSettings dokodemo(ConfigNode s) throws ConfigModelException {
        if (s.bool("followRedirect")) {
            throw s.get("followRedirect").error(s.get("followRedirect").path()
                    + ": followRedirect (transparent proxy) is not supported by vtool run yet");
        }
        Set<Network> networks = networks(s, "network");
        if (networks.isEmpty()) {
            networks = EnumSet.of(Network.TCP);
        }
        return new DokodemoSettings(s.string("address", null), s.port("port"), networks,
                (int) s.number("timeout", 0, 0, 0xFFFFFFFFL), (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL));
    }

    private static Set<Network> networks(ConfigNode s, String key) throws ConfigModelException {
        Set<Network> out = EnumSet.noneOf(Network.class);
        for (String name : s.stringList(key)) {
            switch (name.trim().toLowerCase(Locale.ROOT)) {
                case "tcp" -> out.add(Network.TCP);
                case "udp" -> out.add(Network.UDP);
                default -> { } // V2Ray ignores unknown network names
            }
        }
        return out;
    }

    private static VmessUser vmessUser(ConfigNode u, boolean outbound) throws ConfigModelException {
        ConfigNode id = u.get("id");
        if (id == null || !id.json().isString()) {
            throw u.error(u.path() + ".id: a VMess user needs an id (UUID string)");
        }
        String security = outbound ? u.lowerString("security", "auto") : null;
        return new VmessUser(id.json().asString(), (int) u.number("alterId", 0, 0, 65535), security,
                (int) u.number("level", 0, 0, 0xFFFFFFFFL), u.string("email", ""));
    }

    private static VmessInboundSettings vmessInbound(ConfigNode s) throws ConfigModelException {
        List<VmessUser> clients = new ArrayList<>();
        Set<String> emails = new HashSet<>();
        for (ConfigNode c : s.array("clients")) {
            VmessUser u = vmessUser(c, false);
            if (!u.email().isEmpty() && !emails.add(u.email().toLowerCase(Locale.ROOT))) {
                throw c.error("failed to initiate user > User " + u.email() + " already exists.");
            }
            clients.add(u);
        }
        ConfigNode def = s.object("default");
        int alterId = def == null ? 0 : (int) def.number("alterId", 0, 0, 65535);
        int level = def == null ? 0 : (int) def.number("level", 0, 0, 255);
        return new VmessInboundSettings(clients, alterId, level, s.bool("disableInsecureEncryption"));
    }

    // ---- outbounds ----

    private static OutboundConfig outbound(ConfigNode n, StreamSettingsParser streams) throws ConfigModelException {
        String where = n.path();
        ConfigNode protoNode = n.get("protocol");
        String protocol = n.lowerString("protocol", "");
        if (!KNOWN_OUTBOUNDS.contains(protocol)) {
            throw (protoNode != null ? protoNode : n).error(
                    "failed to parse to outbound detour config. > unknown config id: " + protocol);
        }
        if (!OUTBOUND_PROTOCOLS.contains(protocol)) {
            throw protoNode.error(where + ".protocol: " + protocol + " is not supported by vtool run yet");
        }
        StreamSettings stream = streamSettings(n, streams);
        ConfigNode mux = n.object("mux");
        if (mux != null && mux.bool("enabled")) {
            throw mux.get("enabled").error(where + ".mux: mux is not supported by vtool run yet");
        }
        ConfigNode proxy = n.object("proxySettings");
        String proxyTag = proxy == null ? null : proxy.string("tag", "");
        if (proxyTag != null && proxyTag.isEmpty()) {
            throw proxy.error("invalid outbound detour proxy settings. > Proxy tag is not set.");
        }
        String sendThrough = n.string("sendThrough", null);
        if (sendThrough != null && !IpText.isIpLiteral(sendThrough)) {
            throw n.get("sendThrough").error("unable to send through: " + sendThrough);
        }
        ConfigNode settingsNode = n.object("settings");
        ConfigNode settings = settingsNode != null ? settingsNode : n.emptyObject("settings");
        OutboundSettings s = switch (protocol) {
            case "freedom" -> freedom(settings);
            case "blackhole" -> blackhole(settings);
            case "socks" -> socksOutbound(settings, n);
            case "http" -> new HttpOutboundSettings(servers(settings, n, "http"));
            default -> vmessOutbound(settings, n);
        };
        return new OutboundConfig(n.string("tag", null), protocol, s,
                sendThrough == null ? null : IpText.stripBrackets(sendThrough), proxyTag, stream, n.pointer());
    }

    private static FreedomSettings freedom(ConfigNode s) throws ConfigModelException {
        FreedomSettings.Strategy strategy = switch (s.lowerString("domainStrategy", "asis")) {
            case "useip", "use_ip" -> FreedomSettings.Strategy.USE_IP;
            case "useipv4", "useip4", "use_ipv4", "use_ip_v4", "use_ip4" -> FreedomSettings.Strategy.USE_IPV4;
            case "useipv6", "useip6", "use_ipv6", "use_ip_v6", "use_ip6" -> FreedomSettings.Strategy.USE_IPV6;
            default -> FreedomSettings.Strategy.AS_IS;
        };
        String host = null;
        int port = 0;
        String redirect = s.string("redirect", "");
        if (!redirect.isEmpty()) {
            int colon = redirect.lastIndexOf(':');
            if (colon < 0) {
                throw s.get("redirect").error("invalid redirect address: " + redirect + ": address " + redirect
                        + ": missing port in address");
            }
            String portText = redirect.substring(colon + 1);
            try {
                port = Integer.parseInt(portText);
            } catch (NumberFormatException e) {
                port = -1;
            }
            if (port < 0 || port > 65535) {
                throw s.get("redirect").error("invalid redirect port: " + portText);
            }
            host = IpText.stripBrackets(redirect.substring(0, colon));
            if (host.isEmpty()) {
                host = null;
            }
        }
        return new FreedomSettings(strategy, host, port, (int) s.number("userLevel", 0, 0, 0xFFFFFFFFL),
                s.bool("allowPrivate"));
    }

    private static BlackholeSettings blackhole(ConfigNode s) throws ConfigModelException {
        ConfigNode r = s.object("response");
        if (r == null) {
            return new BlackholeSettings(false);
        }
        String type = r.string("type", null);
        if (type == null) {
            throw r.error("Config: Failed to parse Blackhole response config. > type not found in JSON context");
        }
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "none" -> new BlackholeSettings(false);
            case "http" -> new BlackholeSettings(true);
            default -> throw r.get("type").error(
                    "Config: Failed to parse Blackhole response config. > unknown config id: " + type);
        };
    }

    private static List<ProxyServer> servers(ConfigNode s, ConfigNode outbound, String protocolWord)
            throws ConfigModelException {
        List<ProxyServer> out = new ArrayList<>();
        for (ConfigNode srv : s.array("servers")) {
            String address = srv.string("address", null);
            if (address == null || address.isEmpty()) {
                throw srv.error(srv.path() + ".address: a " + protocolWord + " server needs an address");
            }
            List<ServerUser> users = new ArrayList<>();
            for (ConfigNode u : srv.array("users")) {
                users.add(new ServerUser(u.string("user", ""), u.string("pass", ""),
                        (int) u.number("level", 0, 0, 0xFFFFFFFFL), u.string("email", "")));
            }
            out.add(new ProxyServer(IpText.stripBrackets(address), srv.port("port"), users));
        }
        if (out.isEmpty()) {
            throw outbound.error("proxy/" + protocolWord + ": 0 target server");
        }
        return out;
    }

    private static SocksOutboundSettings socksOutbound(ConfigNode s, ConfigNode outbound) throws ConfigModelException {
        return new SocksOutboundSettings(servers(s, outbound, "socks"));
    }

    private static VmessOutboundSettings vmessOutbound(ConfigNode s, ConfigNode outbound) throws ConfigModelException {
        List<VmessServer> vnext = new ArrayList<>();
        for (ConfigNode v : s.array("vnext")) {
            String address = v.string("address", null);
            if (address == null || address.isEmpty()) {
                throw v.error("address is not set in VMess outbound config");
            }
            List<VmessUser> users = new ArrayList<>();
            for (ConfigNode u : v.array("users")) {
                users.add(vmessUser(u, true));
            }
            if (users.isEmpty()) {
                throw v.error("0 user configured for VMess outbound");
            }
            vnext.add(new VmessServer(IpText.stripBrackets(address), v.port("port"), users));
        }
        if (vnext.isEmpty()) {
            throw outbound.error("0 VMess receiver configured");
        }
        return new VmessOutboundSettings(vnext);
    }

    // ---- routing ----

    private static Routing routing(ConfigNode n) throws ConfigModelException {
        ConfigNode legacy = n.object("settings");
        String strategyText = n.lowerString("domainStrategy",
                legacy == null ? "asis" : legacy.lowerString("domainStrategy", "asis"));
        DomainStrategy strategy = switch (strategyText) {
            case "ipifnonmatch", "ip_if_non_match", "ip-if-non-match" -> DomainStrategy.IP_IF_NON_MATCH;
            case "iponDemand", "ipondemand", "ip_on_demand", "ip-on-demand" -> DomainStrategy.IP_ON_DEMAND;
            case "alwaysip", "always_ip", "always-ip" -> throw n.get("domainStrategy").error(
                    n.get("domainStrategy").path() + ": AlwaysIP is not supported by vtool run yet");
            default -> DomainStrategy.AS_IS;
        };
        List<RoutingRule> rules = new ArrayList<>();
        for (ConfigNode r : n.array("rules")) {
            rules.add(rule(r));
        }
        if (legacy != null) {
            for (ConfigNode r : legacy.array("rules")) {
                rules.add(rule(r));
            }
        }
        List<Balancer> balancers = new ArrayList<>();
        for (ConfigNode b : n.array("balancers")) {
            String tag = b.string("tag", "");
            if (tag.isEmpty()) {
                throw b.error("empty balancer tag");
            }
            List<String> selector = b.stringList("selector");
            if (selector.isEmpty()) {
                throw b.error("empty selector list");
            }
            balancers.add(new Balancer(tag, selector));
        }
        return new Routing(strategy, rules, balancers);
    }

    private static RoutingRule rule(ConfigNode r) throws ConfigModelException {
        String type = r.string("type", "");
        if (!type.equalsIgnoreCase("field")) {
            throw r.error("unknown router rule type: " + type);
        }
        String outboundTag = r.string("outboundTag", null);
        String balancerTag = r.string("balancerTag", null);
        if (outboundTag != null && !outboundTag.isEmpty()) {
            balancerTag = null;
        } else if (balancerTag != null && !balancerTag.isEmpty()) {
            outboundTag = null;
        } else {
            throw r.error("invalid field rule > neither outboundTag nor balancerTag is specified in routing rule");
        }
        if (r.has("attrs")) {
            throw r.get("attrs").error(r.get("attrs").path() + ": attrs rules are not supported by vtool run yet");
        }
        List<String> domains = new ArrayList<>(r.stringList("domain"));
        domains.addAll(r.stringList("domains"));
        for (String d : domains) {
            checkDomain(r, d);
        }
        List<String> ips = r.stringList("ip");
        List<String> source = r.stringList("source");
        for (String ip : ips) {
            checkIp(r.get("ip"), ip);
        }
        for (String ip : source) {
            checkIp(r.get("source"), ip);
        }
        PortList port = portList(r, "port");
        PortList sourcePort = portList(r, "sourcePort");
        Set<Network> networks = networks(r, "network");
        List<String> users = r.stringList("user");
        List<String> inboundTags = r.stringList("inboundTag");
        List<String> protocols = r.stringList("protocol");
        if (domains.isEmpty() && ips.isEmpty() && port == null && sourcePort == null && networks.isEmpty()
                && source.isEmpty() && users.isEmpty() && inboundTags.isEmpty() && protocols.isEmpty()) {
            throw r.error("app/router: this rule has no effective fields");
        }
        return new RoutingRule(domains, ips, port, sourcePort, networks, source, users, inboundTags, protocols,
                outboundTag, balancerTag, r.pointer());
    }

    private static void checkDomain(ConfigNode r, String d) throws ConfigModelException {
        ConfigNode at = r.has("domain") ? r.get("domain") : r.get("domains");
        String[][] prefixes = {{"domain:", "domain"}, {"full:", "full domain"}, {"regexp:", "regexp"},
                {"keyword:", "keyword"}};
        for (String[] p : prefixes) {
            if (d.startsWith(p[0]) && d.length() == p[0].length()) {
                throw at.error("failed to parse domain rule: " + d + " > empty " + p[1] + " type of rule: " + d);
            }
        }
        if (d.startsWith("regexp:")) {
            try {
                java.util.regex.Pattern.compile(d.substring(7));
            } catch (java.util.regex.PatternSyntaxException e) {
                throw at.error("app/router: failed to build domain condition > failed to create domain matcher > "
                        + "error parsing regexp: " + e.getDescription());
            }
        }
        if (d.startsWith("ext:") || d.startsWith("ext-domain:") || d.startsWith("dotless:")) {
            throw at.error(at.path() + ": " + d.substring(0, d.indexOf(':') + 1)
                    + " domain rules are not supported by vtool run yet");
        }
    }

    private static void checkIp(ConfigNode at, String ip) throws ConfigModelException {
        if (ip.startsWith("geoip:")) {
            return;
        }
        if (ip.startsWith("ext:") || ip.startsWith("ext-ip:")) {
            throw at.error(at.path() + ": ext: IP rules are not supported by vtool run yet");
        }
        String addr = ip;
        int slash = ip.indexOf('/');
        if (slash >= 0) {
            addr = ip.substring(0, slash);
            String mask = ip.substring(slash + 1);
            int bits;
            try {
                bits = Integer.parseInt(mask);
            } catch (NumberFormatException e) {
                bits = -1;
            }
            int max = addr.contains(":") ? 128 : 32;
            if (bits < 0 || bits > max) {
                throw at.error("invalid IP: " + ip + " > invalid network mask for router: " + mask);
            }
        }
        if (!IpText.isIpLiteral(addr)) {
            throw at.error("unsupported address for router: " + ip);
        }
    }

    private static PortList portList(ConfigNode r, String key) throws ConfigModelException {
        ConfigNode p = r.get(key);
        if (p == null) {
            return null;
        }
        String text;
        if (p.json().isIntegralNumber()) {
            text = p.json().asString();
        } else if (p.json().isString()) {
            text = p.json().asString();
        } else {
            throw p.error("invalid field rule > invalid port: " + p.json());
        }
        List<PortRange> ranges = new ArrayList<>();
        for (String part : text.split(",")) {
            if (part.isBlank()) {
                continue;
            }
            PortRange range = PortText.parseRange(part.trim());
            if (range == null) {
                throw p.error("invalid field rule > invalid port: " + part.trim());
            }
            ranges.add(range);
        }
        return ranges.isEmpty() ? null : new PortList(ranges);
    }

    private static void checkBalancers(Routing routing, ConfigDocument last) throws ConfigModelException {
        Set<String> tags = new HashSet<>();
        for (Balancer b : routing.balancers()) {
            tags.add(b.tag());
        }
        for (RoutingRule r : routing.rules()) {
            if (r.balancerTag() != null && !tags.contains(r.balancerTag())) {
                throw new ConfigModelException(last.locate(r.pointer()),
                        "app/router: balancer " + r.balancerTag() + " not found");
            }
        }
    }
}
