package dev.vtool.schema.diagnose;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vtool.testkit.V2rayBinary;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hand-written fast paths (V2Ray's line prefix, time keys, number masking) give exactly what the
 * regular expressions they replace give, on real lines and on mutations of them.
 */
class HandParsingTest {
    private static final int MUTATIONS = 6_000;
    private static final String ALPHABET = "0123456789/:. []-TIWEDnfoarc\t\u00e9_xacceptedrejected\u3000\r@Nv";

    private static List<String> realLines() throws IOException {
        List<String> lines = new ArrayList<>();
        try (Stream<Path> s = Files.list(V2rayBinary.repoRoot().resolve("testdata/logs"))) {
            for (Path p : s.filter(p -> p.toString().endsWith(".log")).sorted().toList()) {
                lines.addAll(Files.readAllLines(p));
            }
        }
        KnowledgeBase.builtIn().entries().forEach(e -> lines.addAll(e.examples()));
        lines.add("2026/11/25 09:31:00 [2001:db8::1]:50200 accepted tcp:www.example.com:443");
        lines.add("2026/11/25 09:31:00.123456 [Warning] [12] x: y");
        lines.add("2026/11/25 09:31:00.12x [Warning] x");
        lines.add("2026/11/25 09:31:00 WARNING x");
        lines.add("2026/11/25 09:31:00 [Info]    [7] spaces");
        lines.add("2026/11/25 09:31:00 [Info] [7]x");
        lines.add("2026/11/25 09:31:00 a\tb:1 accepted x");
        lines.add("2026/11/25 09:31:00 :1 accepted x");
        lines.add("2026/11/25 09:31:00 h:1x accepted x");
        lines.add("2026/11/25 09:31:00 panic: boom");
        lines.add("Nov 25 10:59:01 vps v2ray[811]: 2026/11/25 10:59:01 [Info] [3] v2ray.com/core/app: x");
        lines.add("Nov 25 10:59:01 vps v2ray[811]: [Warning] x");
        lines.add("Nov 25 10:59:01 vps v2ray[811]:    ");
        lines.add("Nov 25 10:59:01 vps v2ray[811]: 1.2.3.4:5 accepted tcp:x:443");
        lines.add("Nov 25 10:59:01 vps v2ray[811]: 2026-11-25T10:59:01Z INFO x");
        lines.add("Nov 25 10:59:01 h\u00e9st v2ray: x");
        lines.add("Nov 25 10:59:01 vps v2ray[x]: x");
        lines.add("Nov 25 10:59:01 vps v2ray[811]x y");
        lines.add("2026/11/25 09:31:00 [Info] text ending in \u3000");
        lines.add("2026/11/25 09:31:00 [Info] \u2003text starting with an em space");
        lines.add("2026/11/25 09:31:00 [Info] text ending in \u00e9");
        lines.add("2026/11/25 09:31:00 [Info] text with a carriage return\r");
        lines.add("2026/11/25 09:31:00 [Info] text\u001f");
        return lines;
    }

    /** Lines with characters of their first 40 replaced, inserted or removed at random. */
    private static List<String> mutations(List<String> lines) {
        SplittableRandom random = new SplittableRandom(7);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < MUTATIONS; i++) {
            StringBuilder s = new StringBuilder(lines.get(random.nextInt(lines.size())));
            int edits = 1 + random.nextInt(3);
            for (int e = 0; e < edits && s.length() > 0; e++) {
                int at = random.nextInt(Math.min(40, s.length()));
                char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
                switch (random.nextInt(3)) {
                    case 0 -> s.setCharAt(at, c);
                    case 1 -> s.insert(at, c);
                    default -> s.deleteCharAt(at);
                }
            }
            out.add(s.toString());
        }
        return out;
    }

    @Test
    void v2rayLinesReadByHandAsTheRegexesReadThem() throws IOException {
        List<String> lines = realLines();
        lines.addAll(mutations(lines));
        LogLineParser hand = new LogLineParser("x", true);
        LogLineParser regex = new LogLineParser("x", false);
        for (String line : lines) {
            assertEquals(regex.next(line), hand.next(line), line);
        }
    }

    @Test
    void bytesReadByHandAsTheRegexesReadTheirText() throws IOException {
        List<String> lines = realLines();
        lines.addAll(mutations(lines));
        LogLineParser bytes = new LogLineParser("x", true);
        LogLineParser regex = new LogLineParser("x", false);
        for (String line : lines) {
            byte[] b = ("~" + line + "~").getBytes(StandardCharsets.UTF_8); // the line inside a larger buffer
            LineView view = bytes.next(b, 1, b.length - 1);
            LogLine expected = regex.next(line);
            assertEquals(expected, view.toLogLine(), line);
            assertEquals(expected.text(), view.text(), line);
            assertEquals(TimeKey.of(expected.time()), view.timeKey(), line);
        }
    }

    private static final Pattern FULL_TIME = Pattern.compile(
            "^(\\d{4})[/-](\\d{2})[/-](\\d{2})[T ](\\d{2}:\\d{2}:\\d{2})(?:[.,](\\d+))?");

    private static String timeKeyByRegex(String time) {
        Matcher m = FULL_TIME.matcher(time);
        if (!m.find()) {
            return null;
        }
        String fraction = m.group(5) == null ? "" : m.group(5);
        return m.group(1) + "-" + m.group(2) + "-" + m.group(3) + "T" + m.group(4) + "."
                + (fraction + "000000000").substring(0, 9);
    }

    @Test
    void timeKeysByHandAsByTheRegex() throws IOException {
        List<String> times = new ArrayList<>(List.of("2026/11/25 12:58:44", "2026-11-25T12:58:44.5Z",
                "2026-11-25 12:58:44,123456789012", "2026/11/25 12:58:44.", "2026/11/25 12:58:4", "Nov 25 12:58:44",
                "2026/11/25T12:58:44.0001+02:00"));
        times.addAll(mutations(times));
        for (String t : times) {
            assertEquals(timeKeyByRegex(t), TimeKey.of(t), t);
        }
    }

    private static String shapeByRegexes(String text) {
        String s = MessageShape.UUID.matcher(text).replaceAll("<uuid>");
        s = MessageShape.IPV6_BRACKETED.matcher(s).replaceAll("<ip>");
        s = MessageShape.IPV4.matcher(s).replaceAll("<ip>");
        s = MessageShape.BYTES.matcher(s).replaceAll("<bytes>");
        s = MessageShape.HEX.matcher(s).replaceAll("<hex>");
        return MessageShape.NUMBER.matcher(s).replaceAll("<n>");
    }

    @Test
    void shapesAsBySixRegexPasses() throws IOException {
        List<String> texts = new ArrayList<>();
        for (String line : realLines()) {
            texts.add(new LogLineParser("x").next(line).text());
        }
        texts.addAll(List.of("a1 23 4_5 x67 89y 0x1f v2ray 198.51.100.7:443 [::1]:80 \\x16\\x03 12ab34cd-0000",
                "b831381d-6324-4d53-ad4f-8cda48b30811 1.2.3.4.5 999.1.1.1 \u00e912 3\u00e9"));
        texts.addAll(mutations(texts));
        for (String text : texts) {
            assertEquals(shapeByRegexes(text), MessageShape.of(text), text);
        }
    }
}
