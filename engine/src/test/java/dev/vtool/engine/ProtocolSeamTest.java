package dev.vtool.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vtool.engine.log.EngineLog;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.model.Config;
import dev.vtool.schema.model.ConfigModelBuilder;
import dev.vtool.schema.model.ConfigProblems;
import dev.vtool.schema.model.LogLevel;
import dev.vtool.schema.protocol.ConfigProtocol;
import dev.vtool.schema.protocol.ConfigProtocols;
import dev.vtool.schema.protocol.Side;
import dev.vtool.schema.source.SourceFile;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The two sides of the protocol seam agree, and an engine built without binding reports every refusal. */
class ProtocolSeamTest {
    private final ProtocolRegistry engine = ProtocolRegistry.discover();
    private final ConfigProtocols config = ConfigProtocols.discovered();

    @Test
    void everyRunnableConfigProtocolHasAnEngineHandlerOnEachOfItsSides() {
        Set<String> missing = new TreeSet<>();
        for (ConfigProtocol p : config.all()) {
            if (!p.supportedByRun()) {
                continue;
            }
            if (p.sides().contains(Side.INBOUND) && engine.inbound(p.id()) == null) {
                missing.add("inbound " + p.id());
            }
            if (p.sides().contains(Side.OUTBOUND) && engine.outbound(p.id()) == null) {
                missing.add("outbound " + p.id());
            }
        }
        assertEquals(Set.of(), missing, "runnable on the config side, no handler in the engine");
    }

    @Test
    void everyEngineHandlerIsRunnableOnTheConfigSide() {
        Set<String> orphans = new TreeSet<>();
        for (String id : engine.inboundIds()) {
            ConfigProtocol p = config.find(id, Side.INBOUND);
            if (p == null || !p.supportedByRun()) {
                orphans.add("inbound " + id);
            }
        }
        for (String id : engine.outboundIds()) {
            ConfigProtocol p = config.find(id, Side.OUTBOUND);
            if (p == null || !p.supportedByRun()) {
                orphans.add("outbound " + id);
            }
        }
        assertEquals(Set.of(), orphans, "engine handlers the config side never lets through");
    }

    @Test
    void theConfigSideKnowsEveryProtocolIdOf434() {
        assertEquals(List.of("socks", "http", "dokodemo-door", "vmess", "vless", "shadowsocks", "trojan", "mtproto"),
                config.ids(Side.INBOUND).stream().filter(id -> !id.equals("echo")).toList());
        assertEquals(Set.of("socks", "http", "vmess", "vless", "shadowsocks", "trojan", "mtproto", "freedom",
                "blackhole", "dns"), Set.copyOf(config.ids(Side.OUTBOUND)));
        assertNull(config.find("dokodemo-door", Side.OUTBOUND), "dokodemo-door has no outbound side");
        assertNotNull(config.find("VMess", Side.INBOUND), "ids are matched case-insensitively, as 4.34 lower-cases them");
    }

    @Test
    void preparedEngineBindsNothingAndListsEveryEngineRefusal() throws Exception {
        // two routing rules whose geoip codes no data file has, and a valid one: both bad rules are named
        String json = """
                {"inbounds": [{"listen": "127.0.0.1", "port": 1, "protocol": "socks"}],
                 "outbounds": [{"tag": "d", "protocol": "freedom"}],
                 "routing": {"rules": [
                   {"type": "field", "ip": ["geoip:zz-none"], "outboundTag": "d"},
                   {"type": "field", "port": 80, "outboundTag": "d"},
                   {"type": "field", "source": ["geoip:yy-none"], "outboundTag": "d"}]}}
                """;
        var doc = new ConfigReader().read(new SourceFile("t.json", json)).document();
        ConfigProblems problems = new ConfigProblems(doc);
        Config c = new ConfigModelBuilder().build(doc, problems);
        assertTrue(problems.isEmpty(), problems.all().toString());
        EngineLog quiet = new EngineLog(LogLevel.NONE, new PrintStream(OutputStream.nullOutputStream()),
                new PrintStream(OutputStream.nullOutputStream()));
        Engine e = Engine.prepare(c, quiet, engine, problems);
        assertNull(e, "refused");
        assertEquals(2, problems.size(), problems.all().toString());
        assertEquals(4, problems.all().get(0).location().line());
        assertEquals(6, problems.all().get(1).location().line());

        // without the bad rules it is built, and nothing listens until listen()
        ConfigProblems none = new ConfigProblems(null);
        String ok = json.replace("geoip:zz-none", "10.0.0.0/8").replace("geoip:yy-none", "10.0.0.0/8");
        Config good = new ConfigModelBuilder().build(new ConfigReader().read(new SourceFile("t.json", ok)).document());
        Engine built = Engine.prepare(good, quiet, engine, none);
        assertNotNull(built, none.all().toString());
        try {
            assertEquals(List.of(), built.boundAddresses());
        } finally {
            built.close();
        }
    }
}
