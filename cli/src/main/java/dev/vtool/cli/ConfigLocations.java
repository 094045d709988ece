package dev.vtool.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Which config files a command reads, found as V2Ray 4.34's {@code main/main.go} finds them:
 * <ol>
 * <li>every {@code -config}/{@code -c}, in command-line order;</li>
 * <li>then, if {@code -confdir} names a directory, its entries whose name ends in {@code .json} (case
 *     matters; subdirectories are not entered, but an entry that is itself a directory named *.json is
 *     listed and then fails to read, as in 4.34), sorted by name byte-wise; else the same for the directory
 *     in {@code v2ray.location.confdir} / {@code V2RAY_LOCATION_CONFDIR}; a {@code -confdir} that is not a
 *     directory is ignored (with a warning here);</li>
 * <li>if that gave no file: {@code config.json} in the working directory if it is a file;</li>
 * <li>else {@code config.json} in the directory {@code v2ray.location.config} /
 *     {@code V2RAY_LOCATION_CONFIG} names (4.34 falls back to its executable's directory; vtool has no
 *     such directory of its own and skips this);</li>
 * <li>else the config is read from stdin.</li>
 * </ol>
 * The environment variables are read with the dotted name first, then the upper-case one, as 4.34 does.
 */
public final class ConfigLocations {
    public static final String STDIN = "stdin:";

    /** The files in merge order, and warnings to show (e.g. a -confdir that is not a directory). */
    public record Resolved(List<String> files, List<String> warnings) {
    }

    private ConfigLocations() {
    }

    public static Resolved resolve(List<String> configs, String confdir, Map<String, String> env, Path workingDir)
            throws IOException {
        List<String> files = new ArrayList<>(configs);
        List<String> warnings = new ArrayList<>();
        String envConfdir = env(env, "v2ray.location.confdir");
        if (isDirectory(confdir)) {
            files.addAll(jsonFiles(confdir));
        } else {
            if (confdir != null && !confdir.isEmpty()) {
                warnings.add("-confdir " + confdir + ": not a directory; ignored (V2Ray 4.34 ignores it too)");
            }
            if (isDirectory(envConfdir)) {
                files.addAll(jsonFiles(envConfdir));
            }
        }
        if (!files.isEmpty()) {
            return new Resolved(files, warnings);
        }
        Path local = workingDir.resolve("config.json");
        if (Files.isRegularFile(local)) {
            return new Resolved(List.of(local.toString()), warnings);
        }
        String envConfig = env(env, "v2ray.location.config");
        if (envConfig != null) {
            Path fromEnv = Path.of(envConfig).resolve("config.json");
            if (Files.isRegularFile(fromEnv)) {
                return new Resolved(List.of(fromEnv.toString()), warnings);
            }
        }
        return new Resolved(List.of(STDIN), warnings);
    }

    /** 4.34's EnvFlag: the name as written, else upper-cased with dots as underscores. */
    static String env(Map<String, String> env, String dotted) {
        String v = env.get(dotted);
        return v != null ? v : env.get(dotted.toUpperCase(java.util.Locale.ROOT).replace('.', '_'));
    }

    private static boolean isDirectory(String dir) {
        return dir != null && !dir.isEmpty() && Files.isDirectory(Path.of(dir));
    }

    /** The directory's *.json entries as 4.34 lists them: by name, byte-wise (Go's ioutil.ReadDir). */
    static List<String> jsonFiles(String dir) throws IOException {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(Path.of(dir))) {
            for (Path p : entries) {
                String name = p.getFileName().toString();
                if (name.endsWith(".json") && Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
                    names.add(name);
                }
            }
        }
        names.sort((a, b) -> Arrays.compareUnsigned(a.getBytes(StandardCharsets.UTF_8), b.getBytes(StandardCharsets.UTF_8)));
        List<String> out = new ArrayList<>();
        for (String name : names) {
            // Go's path.Join cleans the result ("./conf/" + "a.json" is "conf/a.json")
            out.add(Path.of(dir).resolve(name).normalize().toString());
        }
        return out;
    }
}
