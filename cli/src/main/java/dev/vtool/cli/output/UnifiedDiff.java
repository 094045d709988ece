package dev.vtool.cli.output;

import java.util.ArrayList;
import java.util.List;

/** A unified diff (3 lines of context, as diff -u) between two texts, line by line. */
public final class UnifiedDiff {
    private static final int CONTEXT = 3;
    /** Above this many line pairs the longest-common-subsequence table is skipped: one hunk replaces all. */
    private static final long MAX_CELLS = 16_000_000L;

    private UnifiedDiff() {
    }

    /** The diff, or "" when the texts are equal. */
    public static String of(String before, String after, String fromName, String toName) {
        if (before.equals(after)) {
            return "";
        }
        List<String> a = lines(before);
        List<String> b = lines(after);
        List<char[]> ops = script(a, b);
        StringBuilder out = new StringBuilder();
        out.append("--- ").append(fromName).append('\n').append("+++ ").append(toName).append('\n');
        int n = ops.size();
        int i = 0;
        while (i < n) {
            if (ops.get(i)[0] == ' ') {
                i++;
                continue;
            }
            int start = Math.max(0, i - CONTEXT);
            int end = i;
            // extend the hunk while changes are within 2 * CONTEXT lines of each other
            while (end < n) {
                if (ops.get(end)[0] != ' ') {
                    end++;
                    continue;
                }
                int run = end;
                while (run < n && ops.get(run)[0] == ' ') {
                    run++;
                }
                if (run < n && run - end <= 2 * CONTEXT) {
                    end = run;
                } else {
                    end = Math.min(n, end + CONTEXT);
                    break;
                }
            }
            int aStart = 0;
            int bStart = 0;
            for (int k = 0; k < start; k++) {
                char op = ops.get(k)[0];
                aStart += op != '+' ? 1 : 0;
                bStart += op != '-' ? 1 : 0;
            }
            int aLen = 0;
            int bLen = 0;
            StringBuilder body = new StringBuilder();
            for (int k = start; k < end; k++) {
                char op = ops.get(k)[0];
                aLen += op != '+' ? 1 : 0;
                bLen += op != '-' ? 1 : 0;
                body.append(op).append(new String(ops.get(k), 1, ops.get(k).length - 1)).append('\n');
            }
            out.append("@@ -").append(range(aStart, aLen)).append(" +").append(range(bStart, bLen)).append(" @@\n")
                    .append(body);
            i = end;
        }
        return out.toString();
    }

    private static String range(int start, int len) {
        return (len == 0 ? start : start + 1) + (len == 1 ? "" : "," + len);
    }

    private static List<String> lines(String s) {
        List<String> out = new ArrayList<>(List.of(s.split("\n", -1)));
        if (!out.isEmpty() && out.get(out.size() - 1).isEmpty()) {
            out.remove(out.size() - 1);
        }
        return out;
    }

    /** Edit script: each entry is the op (' ', '-', '+') followed by the line's characters. */
    private static List<char[]> script(List<String> a, List<String> b) {
        List<char[]> ops = new ArrayList<>();
        int n = a.size();
        int m = b.size();
        if ((long) n * m > MAX_CELLS) {
            a.forEach(l -> ops.add(('-' + l).toCharArray()));
            b.forEach(l -> ops.add(('+' + l).toCharArray()));
            return ops;
        }
        int[][] lcs = new int[n + 1][m + 1];
        for (int i = n - 1; i >= 0; i--) {
            for (int j = m - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        int i = 0;
        int j = 0;
        while (i < n || j < m) {
            if (i < n && j < m && a.get(i).equals(b.get(j))) {
                ops.add((' ' + a.get(i++)).toCharArray());
                j++;
            } else if (j < m && (i == n || lcs[i][j + 1] > lcs[i + 1][j])) {
                ops.add(('+' + b.get(j++)).toCharArray());
            } else {
                ops.add(('-' + a.get(i++)).toCharArray());
            }
        }
        return ops;
    }
}
