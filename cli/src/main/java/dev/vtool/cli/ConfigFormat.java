package dev.vtool.cli;

import java.util.Locale;

/**
 * The config format 4.34 would use (its {@code core.LoadConfig}): the first file's extension decides when
 * it is a registered one ({@code json}, or {@code pb} for protobuf), else {@code -format} ({@code pb} or
 * {@code protobuf} mean protobuf, any other value means JSON). vtool reads JSON only.
 */
final class ConfigFormat {
    private ConfigFormat() {
    }

    /** Null when the input is JSON for 4.34; otherwise the one line that says why vtool cannot read it. */
    static String refusal(String format, String firstFile) {
        int dot = firstFile.lastIndexOf('.');
        String ext = dot < 0 ? "" : firstFile.substring(dot + 1);
        if (ext.equals("json")) {
            return null;
        }
        if (ext.equals("pb")) {
            return firstFile + ": V2Ray reads a .pb file as a protobuf config; vtool reads JSON configs only";
        }
        String f = format == null ? "json" : format.toLowerCase(Locale.ROOT);
        if (f.equals("pb") || f.equals("protobuf")) {
            return "-format " + format + ": protobuf configs are not supported by vtool; it reads JSON configs only";
        }
        return null;
    }

    /** A warning for a -format value that 4.34 silently reads as JSON, or null. */
    static String warning(String format) {
        if (format == null) {
            return null;
        }
        String f = format.toLowerCase(Locale.ROOT);
        return f.equals("json") || f.equals("pb") || f.equals("protobuf") ? null
                : "-format " + format + ": unknown format; read as JSON, as V2Ray 4.34 does (formats: json, pb)";
    }
}
