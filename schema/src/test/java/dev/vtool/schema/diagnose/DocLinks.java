package dev.vtool.schema.diagnose;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks that a knowledge-base {@code doc} is something a user can open: an https URL, or a file of
 * the repository, optionally with an {@code #anchor} that one of its Markdown headings produces.
 */
final class DocLinks {
    /** A plain https URL: host, path and fragment without spaces, quotes or section signs. */
    private static final Pattern HTTPS_URL =
            Pattern.compile("https://[A-Za-z0-9.-]+\\.[A-Za-z]{2,}(?:/[A-Za-z0-9._~%/+-]*)?(?:#[A-Za-z0-9._-]+)?");
    private static final Pattern REPO_PATH = Pattern.compile("[A-Za-z0-9._-]+(?:/[A-Za-z0-9._-]+)*");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*#*\\s*$", Pattern.MULTILINE);

    private final Path repoRoot;

    DocLinks(Path repoRoot) {
        this.repoRoot = repoRoot;
    }

    /** Why {@code doc} cannot be opened, or null when it can. */
    String problem(String doc) {
        if (doc.startsWith("https://")) {
            return HTTPS_URL.matcher(doc).matches() ? null : "not a plain https URL";
        }
        if (doc.contains("://")) {
            return "a URL that is not https";
        }
        int hash = doc.indexOf('#');
        String file = hash < 0 ? doc : doc.substring(0, hash);
        if (!REPO_PATH.matcher(file).matches() || file.contains("..")) {
            return "neither an https URL nor a repository path";
        }
        Path path = repoRoot.resolve(file);
        if (!Files.isRegularFile(path)) {
            return "no file " + file + " in the repository";
        }
        if (hash >= 0) {
            String anchor = doc.substring(hash + 1);
            if (!anchors(path).contains(anchor)) {
                return "no heading of " + file + " gives the anchor #" + anchor;
            }
        }
        return null;
    }

    /** The anchors GitHub derives from the file's headings (fenced code blocks skipped). */
    static Set<String> anchors(Path markdown) {
        String text;
        try {
            text = Files.readString(markdown, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        StringBuilder outsideCode = new StringBuilder();
        boolean inFence = false;
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("```")) {
                inFence = !inFence;
            } else if (!inFence) {
                outsideCode.append(line).append('\n');
            }
        }
        Set<String> out = new HashSet<>();
        Matcher m = HEADING.matcher(outsideCode);
        while (m.find()) {
            out.add(slug(m.group(1)));
        }
        return out;
    }

    /** GitHub's heading slug: lower case, punctuation dropped, spaces to hyphens. */
    static String slug(String heading) {
        String lower = heading.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if (c == ' ') {
                out.append('-');
            } else if (Character.isLetterOrDigit(c) || c == '-' || c == '_') {
                out.append(c);
            }
        }
        return out.toString();
    }
}
