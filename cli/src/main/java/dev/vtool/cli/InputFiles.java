package dev.vtool.cli;

import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.io.InputStream;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the inputs named on a command line ({@code -} and V2Ray's {@code stdin:} are stdin), turning I/O
 * failures into one clear line each.
 */
public final class InputFiles {
    private final List<SourceFile> files = new ArrayList<>();
    private final List<String> problems = new ArrayList<>();

    public static InputFiles read(List<String> names) {
        InputFiles in = new InputFiles();
        for (String name : names) {
            in.readOne(name);
        }
        return in;
    }

    private void readOne(String name) {
        try {
            byte[] bytes;
            String display;
            if (name.startsWith("http://") || name.startsWith("https://")) {
                problems.add(name + ": remote configs are not supported by vtool; download the file and name it");
                return;
            }
            if (name.equals("-") || name.equals(ConfigLocations.STDIN)) {
                bytes = readBounded(System.in, "<stdin>");
                display = "<stdin>";
            } else {
                Path path = Path.of(name);
                if (Files.isDirectory(path)) {
                    problems.add(name + ": is a directory (name the .json files, e.g. " + name + "/*.json)");
                    return;
                }
                if (Files.isRegularFile(path) && Files.size(path) > InputLimit.maxBytes()) {
                    problems.add(InputLimit.tooLarge(name, Files.size(path)));
                    return;
                }
                try (InputStream in = Files.newInputStream(path)) {
                    bytes = readBounded(in, name);
                }
                display = name;
            }
            if (bytes == null) {
                return;
            }
            String text = decode(bytes, display);
            if (text != null) {
                files.add(new SourceFile(display, text));
            }
        } catch (NoSuchFileException e) {
            problems.add(name + ": no such file");
        } catch (AccessDeniedException e) {
            problems.add(name + ": permission denied");
        } catch (IOException e) {
            problems.add(name + ": cannot read: " + e.getMessage());
        }
    }

    /** All bytes of a stream (a pipe or a device has no size up front), or null after recording that it is too large. */
    private byte[] readBounded(InputStream in, String name) throws IOException {
        long max = InputLimit.maxBytes();
        byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
        if (bytes.length > max) {
            problems.add(InputLimit.tooLarge(name, bytes.length));
            return null;
        }
        return bytes;
    }

    /**
     * UTF-8 text, or null after recording why the bytes are not UTF-8. Checked in small steps and then
     * decoded in one go: decoding into a CharBuffer first would hold the input twice over in UTF-16.
     */
    private String decode(byte[] bytes, String name) {
        String utf16 = Utf16Sniffer.describe(bytes);
        if (utf16 != null) {
            problems.add(name + ": " + utf16);
            return null;
        }
        CharsetDecoder check = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer scratch = CharBuffer.allocate(8192);
        while (true) {
            CoderResult r = check.decode(in, scratch, true);
            if (r.isError()) {
                problems.add(name + ": not valid UTF-8 text (saved in a legacy code page?); save it as UTF-8");
                return null;
            }
            scratch.clear();
            if (r.isUnderflow()) {
                break;
            }
        }
        return new String(bytes, StandardCharsets.UTF_8);
    }

    public List<SourceFile> files() {
        return files;
    }

    /** One line per input that could not be read. */
    public List<String> problems() {
        return problems;
    }
}
