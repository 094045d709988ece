package dev.vtool.schema.diagnose;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sortable form of a printed time stamp, so first/last seen stay right when several logs are read
 * (V2Ray's {@code 2026/11/25 12:58:44} and ISO stamps; journalctl's year-less stamps are not comparable
 * with them and give null, which falls back to input order).
 */
final class TimeKey {
    private static final Pattern FULL = Pattern.compile(
            "^(\\d{4})[/-](\\d{2})[/-](\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d+))?");

    private TimeKey() {
    }

    static String of(String time) {
        if (time == null) {
            return null;
        }
        Matcher m = FULL.matcher(time);
        if (!m.find()) {
            return null;
        }
        String fraction = m.group(5) == null ? "" : m.group(5);
        return m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + "." + (fraction + "000000000")
                .substring(0, 9);
    }
}
