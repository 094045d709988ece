package dev.vtool.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which files `run` reads, with 4.34's precedence (main/main.go getConfigFilePath). */
class ConfigLocationsTest {
    @TempDir
    Path dir;

    private Path file(String name) throws Exception {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.writeString(p, "{}");
        return p;
    }

    private List<String> resolve(List<String> configs, String confdir, Map<String, String> env, Path cwd)
            throws Exception {
        return ConfigLocations.resolve(configs, confdir, env, cwd).files();
    }

    @Test
    void configsThenConfdirInByteOrder() throws Exception {
        file("conf/b.json");
        file("conf/10.json");
        file("conf/9.json");
        file("conf/Z.json");
        file("conf/x.JSON");
        file("conf/readme.txt");
        file("conf/sub/a.json");
        Files.createDirectories(dir.resolve("conf/dir.json"));
        String conf = dir.resolve("conf").toString();
        assertEquals(List.of("first.json", conf + "/10.json", conf + "/9.json", conf + "/Z.json", conf + "/b.json",
                        conf + "/dir.json"),
                resolve(List.of("first.json"), conf, Map.of(), dir));
    }

    @Test
    void confdirArgumentWinsOverEnvironment() throws Exception {
        file("arg/a.json");
        file("env/e.json");
        String arg = dir.resolve("arg").toString();
        String env = dir.resolve("env").toString();
        assertEquals(List.of(arg + "/a.json"), resolve(List.of(), arg, Map.of("V2RAY_LOCATION_CONFDIR", env), dir));
        // a -confdir that is not a directory is ignored (with a warning), then the environment's is used
        ConfigLocations.Resolved r = ConfigLocations.resolve(List.of(), dir.resolve("nope").toString(),
                Map.of("V2RAY_LOCATION_CONFDIR", env), dir);
        assertEquals(List.of(env + "/e.json"), r.files());
        assertTrue(r.warnings().get(0).contains("not a directory"), r.warnings().toString());
        // the dotted name is looked up first
        file("dotted/d.json");
        assertEquals(List.of(dir.resolve("dotted") + "/d.json"), resolve(List.of(), null,
                Map.of("V2RAY_LOCATION_CONFDIR", env, "v2ray.location.confdir", dir.resolve("dotted").toString()), dir));
    }

    @Test
    void workingDirectoryConfigBeforeEnvironmentConfigBeforeStdin() throws Exception {
        Path cwd = Files.createDirectories(dir.resolve("cwd"));
        Path envDir = Files.createDirectories(dir.resolve("etc"));
        Map<String, String> env = Map.of("V2RAY_LOCATION_CONFIG", envDir.toString());
        assertEquals(List.of("stdin:"), resolve(List.of(), null, env, cwd));
        file("etc/config.json");
        assertEquals(List.of(envDir.resolve("config.json").toString()), resolve(List.of(), null, env, cwd));
        file("cwd/config.json");
        assertEquals(List.of(cwd.resolve("config.json").toString()), resolve(List.of(), null, env, cwd));
        // any -config (or confdir file) wins over both
        assertEquals(List.of("x.json"), resolve(List.of("x.json"), null, env, cwd));
    }

    @Test
    void formatFollowsTheFirstFileExtensionThenTheFlag() {
        assertNull(ConfigFormat.refusal("json", "a.json"));
        assertNull(ConfigFormat.refusal("pb", "a.json"), "a .json file is JSON whatever -format says");
        assertTrue(ConfigFormat.refusal("json", "a.pb").contains("protobuf"));
        assertTrue(ConfigFormat.refusal("Protobuf", "stdin:").contains("protobuf"));
        assertNull(ConfigFormat.refusal("yaml", "config"), "4.34 reads unknown formats as JSON");
        assertTrue(ConfigFormat.warning("yaml").contains("read as JSON"));
        assertNull(ConfigFormat.warning("JSON"));
    }
}
