package dev.vtool.schema.json;

import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.finding.Location;
import dev.vtool.schema.source.Position;
import dev.vtool.schema.source.SourceFile;
import java.util.List;

/**
 * What follows the config object in a file. 4.34 decodes one JSON value with Go's {@code json.Decoder} and
 * never looks at the bytes after it: a second object, a stray {@code ]} or plain garbage there is ignored
 * and the config runs (checked with {@code v2ray -test}). So lint reads the first object fully and warns
 * that the rest has no effect; comments and whitespace after the object are not "content".
 */
final class IgnoredRest {
    private IgnoredRest() {
    }

    /** Offset of the first character after {@code end} that is neither whitespace nor a comment, or -1. */
    static int start(String text, int end) {
        int i = end;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '#' || c == '/' && i + 1 < n && text.charAt(i + 1) == '/') {
                while (i < n && text.charAt(i) != '\n') {
                    i++;
                }
            } else if (c == '/' && i + 1 < n && text.charAt(i + 1) == '*') {
                int close = text.indexOf("*/", i + 2);
                if (close < 0) {
                    return -1; // an unterminated comment after the object is ignored as well
                }
                i = close + 2;
            } else {
                return i;
            }
        }
        return -1;
    }

    static Finding finding(SourceFile source, String text, int rest, Position object) {
        boolean secondObject = text.charAt(rest) == '{';
        String what = secondObject ? "a second JSON object follows the config object" : "content follows the config object";
        String fix = secondObject
                ? "merge its keys into the first object, or put it in its own file and pass both files with -config"
                : "remove everything after the closing } of the config";
        return new Finding(ConfigReader.IGNORED_REST.id(), ConfigReader.IGNORED_REST.severity(),
                new Location(source, source.positionAt(rest)),
                what + "; V2Ray 4.34 reads only the first object (line " + object.line()
                        + ") and ignores everything from here on, so none of it takes effect",
                fix, List.of(new Location(source, object)));
    }
}
