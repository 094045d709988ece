package dev.vtool.engine.routing;

import dev.vtool.engine.EngineException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * V2Ray's geoip.dat / geosite.dat, found where V2Ray looks: {@code v2ray.location.asset} /
 * {@code V2RAY_LOCATION_ASSET}, then /usr/local/share/v2ray and /usr/share/v2ray. Files are read once,
 * lazily, and only the requested lists are decoded.
 */
public final class GeoData {
    /** A geosite entry: type 0 plain (substring), 1 regexp, 2 domain, 3 full. */
    record SiteDomain(int type, String value, Set<String> attributes) {
    }

    private final List<Path> dirs;
    private final Map<String, byte[]> files = new HashMap<>();
    /** Decoded lists by file and name: thousands of rules may name the same few lists. */
    private final Map<String, List<Cidr>> ipLists = new HashMap<>();
    private final Map<String, List<SiteDomain>> siteLists = new HashMap<>();

    public GeoData(List<Path> dirs) {
        this.dirs = List.copyOf(dirs);
    }

    public static GeoData standard() {
        List<Path> dirs = new ArrayList<>();
        String prop = System.getProperty("v2ray.location.asset");
        String env = System.getenv("V2RAY_LOCATION_ASSET");
        if (prop != null && !prop.isEmpty()) {
            dirs.add(Path.of(prop));
        } else if (env != null && !env.isEmpty()) {
            dirs.add(Path.of(env));
        }
        dirs.add(Path.of("/usr/local/share/v2ray"));
        dirs.add(Path.of("/usr/share/v2ray"));
        return new GeoData(dirs);
    }

    private byte[] file(String name, String what) throws EngineException {
        byte[] data = files.get(name);
        if (data != null) {
            return data;
        }
        for (Path dir : dirs) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p)) {
                try {
                    data = Files.readAllBytes(p);
                    files.put(name, data);
                    return data;
                } catch (IOException e) {
                    throw new EngineException(what + " > failed to open file: " + name + " > " + e.getMessage());
                }
            }
        }
        throw new EngineException(what + " > failed to open file: " + name + " > open "
                + dirs.get(0).resolve(name) + ": no such file or directory (looked in " + dirs + ")");
    }

    List<Cidr> geoip(String code) throws EngineException {
        return geoip("geoip.dat", code, "failed to load geoip: " + code);
    }

    /** A list of another file in geoip.dat's format ({@code ext:FILE:CODE} in rules). */
    List<Cidr> geoip(String fileName, String code, String what) throws EngineException {
        String key = fileName + '\0' + code.toUpperCase(Locale.ROOT);
        List<Cidr> known = ipLists.get(key);
        if (known == null) {
            known = List.copyOf(decodeGeoip(fileName, code, what));
            ipLists.put(key, known);
        }
        return known;
    }

    private List<Cidr> decodeGeoip(String fileName, String code, String what) throws EngineException {
        String want = code.toUpperCase(Locale.ROOT);
        byte[] data = file(fileName, what);
        try {
            ProtoReader list = new ProtoReader(data, 0, data.length);
            while (list.hasMore()) {
                int tag = list.tag();
                if (tag != (1 << 3 | 2)) {
                    list.skip(tag);
                    continue;
                }
                ProtoReader entry = list.message();
                String country = null;
                List<Cidr> cidrs = new ArrayList<>();
                while (entry.hasMore()) {
                    int t = entry.tag();
                    if (t == (1 << 3 | 2)) {
                        country = entry.string();
                        if (!country.equalsIgnoreCase(want)) {
                            break;
                        }
                    } else if (t == (2 << 3 | 2)) {
                        cidrs.add(cidr(entry.message()));
                    } else {
                        entry.skip(t);
                    }
                }
                if (country != null && country.equalsIgnoreCase(want)) {
                    return cidrs;
                }
            }
        } catch (IllegalStateException e) {
            throw new EngineException(what + " > " + fileName + " is damaged: " + e.getMessage());
        }
        throw new EngineException(what + " > country not found in " + fileName + ": " + code);
    }

    private static Cidr cidr(ProtoReader r) {
        byte[] ip = new byte[0];
        int prefix = 0;
        while (r.hasMore()) {
            int t = r.tag();
            if (t == (1 << 3 | 2)) {
                ip = r.bytes();
            } else if (t == (2 << 3)) {
                prefix = (int) r.varint();
            } else {
                r.skip(t);
            }
        }
        return new Cidr(ip, Math.min(prefix, ip.length * 8));
    }

    /** {@code list} may carry attributes: {@code cn@ads} keeps only entries with attribute {@code ads}. */
    List<SiteDomain> geosite(String list) throws EngineException {
        return geosite("geosite.dat", list, "failed to load geosite: " + list.split("@")[0]);
    }

    /** A list of another file in geosite.dat's format ({@code ext:FILE:LIST} in rules). */
    List<SiteDomain> geosite(String fileName, String list, String what) throws EngineException {
        String key = fileName + '\0' + list.toUpperCase(Locale.ROOT);
        List<SiteDomain> known = siteLists.get(key);
        if (known == null) {
            known = List.copyOf(decodeGeosite(fileName, list, what));
            siteLists.put(key, known);
        }
        return known;
    }

    private List<SiteDomain> decodeGeosite(String fileName, String list, String what) throws EngineException {
        String[] parts = list.split("@");
        String want = parts[0].toUpperCase(Locale.ROOT);
        Set<String> attrs = new HashSet<>();
        for (int i = 1; i < parts.length; i++) {
            attrs.add(parts[i].toLowerCase(Locale.ROOT));
        }
        byte[] data = file(fileName, what);
        try {
            ProtoReader top = new ProtoReader(data, 0, data.length);
            while (top.hasMore()) {
                int tag = top.tag();
                if (tag != (1 << 3 | 2)) {
                    top.skip(tag);
                    continue;
                }
                ProtoReader entry = top.message();
                String code = null;
                List<SiteDomain> domains = new ArrayList<>();
                while (entry.hasMore()) {
                    int t = entry.tag();
                    if (t == (1 << 3 | 2)) {
                        code = entry.string();
                        if (!code.equalsIgnoreCase(want)) {
                            break;
                        }
                    } else if (t == (2 << 3 | 2)) {
                        SiteDomain d = domain(entry.message());
                        if (d.attributes().containsAll(attrs)) {
                            domains.add(d);
                        }
                    } else {
                        entry.skip(t);
                    }
                }
                if (code != null && code.equalsIgnoreCase(want)) {
                    return domains;
                }
            }
        } catch (IllegalStateException e) {
            throw new EngineException(what + " > " + fileName + " is damaged: " + e.getMessage());
        }
        throw new EngineException(what + " > list not found in " + fileName + ": " + parts[0]);
    }

    private static SiteDomain domain(ProtoReader r) {
        int type = 0;
        String value = "";
        Set<String> attrs = new HashSet<>();
        while (r.hasMore()) {
            int t = r.tag();
            if (t == (1 << 3)) {
                type = (int) r.varint();
            } else if (t == (2 << 3 | 2)) {
                value = r.string();
            } else if (t == (3 << 3 | 2)) {
                ProtoReader a = r.message();
                while (a.hasMore()) {
                    int at = a.tag();
                    if (at == (1 << 3 | 2)) {
                        attrs.add(a.string().toLowerCase(Locale.ROOT));
                    } else {
                        a.skip(at);
                    }
                }
            } else {
                r.skip(t);
            }
        }
        return new SiteDomain(type, value, attrs);
    }
}
