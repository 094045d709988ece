package dev.vtool.cli;

import dev.vtool.schema.source.SourceFile;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
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
                bytes = System.in.readAllBytes();
                display = "<stdin>";
            } else {
                Path path = Path.of(name);
                if (Files.isDirectory(path)) {
                    problems.add(name + ": is a directory (name the .json files, e.g. " + name + "/*.json)");
                    return;
                }
                bytes = Files.readAllBytes(path);
                display = name;
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

    /** UTF-8 text, or null after recording why the bytes are not UTF-8. */
    private String decode(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            boolean utf16 = bytes.length >= 2 && (bytes[0] == (byte) 0xFF && bytes[1] == (byte) 0xFE
                    || bytes[0] == (byte) 0xFE && bytes[1] == (byte) 0xFF);
            problems.add(utf16
                    ? name + ": the file is UTF-16 (\"Unicode\" in Notepad); V2Ray reads UTF-8 only: save it as UTF-8"
                    : name + ": not valid UTF-8 text (saved in a legacy code page?); save it as UTF-8");
            return null;
        }
    }

    public List<SourceFile> files() {
        return files;
    }

    /** One line per input that could not be read. */
    public List<String> problems() {
        return problems;
    }
}
