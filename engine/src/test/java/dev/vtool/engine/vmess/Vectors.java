package dev.vtool.engine.vmess;

import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.Properties;

/** The 4.34 test vectors of testdata/wire/vmess/vectors-4.34.properties (hex, whitespace ignored). */
public final class Vectors {
    private static final Properties VALUES = load();

    private Vectors() {
    }

    private static Properties load() {
        Path file = V2rayBinary.repoRoot().resolve("testdata/wire/vmess/vectors-4.34.properties");
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + file, e);
        }
        return p;
    }

    public static byte[] hex(String key) {
        String v = VALUES.getProperty(key);
        if (v == null) {
            throw new IllegalArgumentException("no vector " + key);
        }
        return HexFormat.of().parseHex(v.replaceAll("\\s", ""));
    }

    public static long clock() {
        return Long.parseLong(VALUES.getProperty("clock.unix").trim());
    }

    public static int integer(String key) {
        return Integer.parseInt(VALUES.getProperty(key).trim());
    }

    public static String toHex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    public static byte[] parseHex(String s) {
        return HexFormat.of().parseHex(s.replaceAll("\\s", ""));
    }
}
