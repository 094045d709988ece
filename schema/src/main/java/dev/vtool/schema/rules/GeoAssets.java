package dev.vtool.schema.rules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Where V2Ray 4.34 looks for geoip.dat / geosite.dat ({@code common/platform/others.go}): the
 * directory in {@code v2ray.location.asset} / {@code V2RAY_LOCATION_ASSET}, else the directory of
 * the v2ray executable; then /usr/local/share/v2ray/ and /usr/share/v2ray/.
 */
final class GeoAssets {
    private final List<Path> directories;

    GeoAssets(List<Path> directories) {
        this.directories = List.copyOf(directories);
    }

    /** The locations of this machine, read from the environment and the installed v2ray. */
    static GeoAssets ofThisMachine() {
        return of(System::getenv, findExecutableDir());
    }

    static GeoAssets of(UnaryOperator<String> env, Path executableDir) {
        List<Path> dirs = new ArrayList<>();
        String configured = env.apply("v2ray.location.asset");
        if (configured == null) {
            configured = env.apply("V2RAY_LOCATION_ASSET");
        }
        if (configured != null) {
            dirs.add(Path.of(configured));
        } else if (executableDir != null) {
            dirs.add(executableDir);
        }
        dirs.add(Path.of("/usr/local/share/v2ray"));
        dirs.add(Path.of("/usr/share/v2ray"));
        return new GeoAssets(dirs);
    }

    /** The first existing copy of {@code file}, or null. */
    Path find(String file) {
        for (Path dir : directories) {
            Path p = dir.resolve(file);
            if (Files.exists(p)) {
                return p;
            }
        }
        return null;
    }

    List<Path> directories() {
        return directories;
    }

    private static Path findExecutableDir() {
        String env = System.getenv("V2RAY_BIN");
        if (env != null && !env.isBlank() && Files.isExecutable(Path.of(env))) {
            return Path.of(env).toAbsolutePath().getParent();
        }
        String pathVar = System.getenv("PATH");
        if (pathVar != null) {
            for (String dir : pathVar.split(":")) {
                if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "v2ray"))) {
                    return Path.of(dir);
                }
            }
        }
        return Path.of("/usr/bin");
    }
}
