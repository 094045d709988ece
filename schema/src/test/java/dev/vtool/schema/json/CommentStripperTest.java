package dev.vtool.schema.json;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;

/** The comment removal of 4.34's config reader, case by case, and the way back to file offsets. */
class CommentStripperTest {

    static Stream<Arguments> cases() {
        return Stream.of(
                // line comments end at \n only; \r, \v, \f are part of the comment
                Arguments.of("a // x\r\"k\": 1\nb", "a \nb"),
                Arguments.of("a // x\u000B\"k\": 1\nb", "a \nb"),
                Arguments.of("a // x\f\"k\": 1\nb", "a \nb"),
                Arguments.of("a # x\r\"k\": 1\nb", "a \nb"),
                Arguments.of("a // x\r\nb", "a \nb"),
                Arguments.of("a // to the end", "a "),
                // a block comment leaves no space behind, only its newlines
                Arguments.of("1/**/0", "10"),
                Arguments.of("1/* a\nb */0", "1\n0"),
                Arguments.of("1/* ** */0", "10"),
                Arguments.of("1/* unterminated", "1"),
                // quoted text is untouched, with escapes
                Arguments.of("\"http://x#y\" // c", "\"http://x#y\" "),
                Arguments.of("\"a\\\"//b\" # c", "\"a\\\"//b\" "),
                Arguments.of("'a//b' # c", "'a//b' "),
                // outside quotes a backslash takes the next character with it; a lone slash stays
                Arguments.of("\\# x", "\\# x"),
                Arguments.of("a/b", "a/b"),
                Arguments.of("a/", "a"));
    }

    @ParameterizedTest
    @MethodSource("cases")
    void stripsLike434(String in, String out) {
        assertEquals(out, CommentStripper.strip(in).text());
    }

    @Test
    void mapsOffsetsBackIntoTheFile() {
        String in = "{/* c */\"a\": 1, // x\r\n\"b\": 2}";
        CommentStripper.Stripped s = CommentStripper.strip(in);
        assertEquals("{\"a\": 1, \n\"b\": 2}", s.text());
        for (int i = 0; i < s.text().length(); i++) {
            assertEquals(s.text().charAt(i), in.charAt(s.originalOffset(i)), "offset " + i);
        }
        assertEquals(in.length(), s.originalOffset(s.text().length()));
    }

    @Test
    void withoutCommentsTheTextIsKept() {
        String in = "{\"a\": [1, 2]}";
        assertEquals(in, CommentStripper.strip(in).text());
        assertEquals(5, CommentStripper.strip(in).originalOffset(5));
    }
}
