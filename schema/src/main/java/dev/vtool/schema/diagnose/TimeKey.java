package dev.vtool.schema.diagnose;

/**
 * A sortable form of a printed time stamp, so first/last seen stay right when several logs are read
 * (V2Ray's {@code 2026/11/25 12:58:44} and ISO stamps; journalctl's year-less stamps are not comparable
 * with them and give null, which falls back to input order). Read by hand, not by a regex: it runs
 * for every recognised line.
 */
final class TimeKey {
    private TimeKey() {
    }

    /**
     * {@code YYYY-MM-DDTHH:MM:SS.FFFFFFFFF} for a stamp that starts {@code YYYY[/-]MM[/-]DD[T ]HH:MM:SS}
     * (optionally {@code [.,]digits}), else null.
     */
    static String of(String time) {
        if (time == null || time.length() < 19
                || !digits(time, 0, 4) || !oneOf(time.charAt(4), '/', '-') || !digits(time, 5, 7)
                || !oneOf(time.charAt(7), '/', '-') || !digits(time, 8, 10) || !oneOf(time.charAt(10), 'T', ' ')
                || !digits(time, 11, 13) || time.charAt(13) != ':' || !digits(time, 14, 16)
                || time.charAt(16) != ':' || !digits(time, 17, 19)) {
            return null;
        }
        StringBuilder key = new StringBuilder(29).append(time, 0, 4).append('-').append(time, 5, 7).append('-')
                .append(time, 8, 10).append('T').append(time, 11, 19).append('.');
        int end = 20;
        if (time.length() > 20 && oneOf(time.charAt(19), '.', ',')) {
            while (end < time.length() && digit(time.charAt(end))) {
                end++;
            }
        }
        int fraction = end - 20; // digits after the separator (0 when there are none)
        if (fraction > 0) {
            key.append(time, 20, 20 + Math.min(fraction, 9));
        }
        for (int i = fraction; i < 9; i++) {
            key.append('0');
        }
        return key.toString();
    }

    private static boolean digits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (!digit(s.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean oneOf(char c, char a, char b) {
        return c == a || c == b;
    }
}
