package dev.vtool.cli;

import dev.vtool.schema.text.V2rayMessages;
import dev.vtool.schema.vmess.V2rayUuid;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `vtool uuid`: new ids, Xray's string-to-UUID mapping, and 4.34's verdict on an id. */
@Command(name = "uuid", mixinStandardHelpOptions = true,
        description = {"Print a random UUID (v4) for VMess/VLESS ids, map a string to a UUID as Xray does,",
                "or check whether V2Ray 4.34 accepts an id (exit 0 accepted, 1 rejected)."})
public final class UuidCommand implements Callable<Integer> {
    static final int MAX_COUNT = 10_000;

    @ArgGroup(exclusive = true)
    Mode mode = new Mode();

    static final class Mode {
        @Option(names = "-n", paramLabel = "N", description = "Print N random UUIDs (1-" + MAX_COUNT + ").")
        Integer count;

        @Option(names = {"-i", "--input"}, paramLabel = "STRING",
                description = "Map any string to a UUID as Xray does for a non-UUID id: UUIDv5(nil namespace, STRING).")
        String input;

        @Option(names = "--check", paramLabel = "VALUE", description = "Say whether V2Ray 4.34 accepts VALUE as a user id, and why not.")
        String check;
    }

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        if (mode.check != null) {
            return check(mode.check, out);
        }
        if (mode.input != null) {
            int bytes = mode.input.getBytes(StandardCharsets.UTF_8).length;
            out.println(V2rayUuid.nameBasedV5(mode.input));
            if (V2rayUuid.parse(mode.input).ok() && bytes >= 32 && bytes <= 36) {
                err.println("note: this already is a UUID; Xray uses it as it is, not the mapped value");
            } else if (bytes == 0 || bytes > 30) {
                err.println("note: Xray maps only ids of 1 to 30 bytes; it rejects this one (" + bytes + " bytes)");
            }
            err.println("note: V2Ray 4.34 has no such mapping: put the printed UUID in both configs");
            return ExitCodes.OK;
        }
        int n = mode.count == null ? 1 : mode.count;
        if (n < 1 || n > MAX_COUNT) {
            err.println("vtool uuid: -n must be between 1 and " + MAX_COUNT + " (got " + n + ")");
            return ExitCodes.USAGE_OR_IO;
        }
        for (int i = 0; i < n; i++) {
            out.println(V2rayUuid.randomV4());
        }
        return ExitCodes.OK;
    }

    private static int check(String value, PrintStream out) {
        V2rayUuid.Parse p = V2rayUuid.parse(value);
        switch (p.outcome()) {
            case OK:
                out.println("accepted by V2Ray 4.34 as " + p.canonical());
                if (!p.ignoredSuffix().isEmpty()) {
                    out.println("note: V2Ray ignores the text after the 32nd hex digit: \"" + p.ignoredSuffix()
                            + "\" (Xray and other clients may not)");
                } else if (!value.equals(p.canonical())) {
                    out.println("note: not the canonical spelling; other tools may not accept it, write " + p.canonical());
                }
                return ExitCodes.OK;
            case CRASH:
                out.println("rejected: V2Ray 4.34 crashes on this id (" + p.errorWithOutcome() + ")");
                out.println("why: exactly 32 characters with a dash: the last group is read past the end of the text");
                return ExitCodes.FINDINGS;
            default:
                out.println("rejected: V2Ray 4.34 fails with `" + V2rayMessages.failedToParseId(p.error()) + "`");
                out.println("why: " + why(value));
                return ExitCodes.FINDINGS;
        }
    }

    private static String why(String value) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (bytes < 32) {
            return "an id needs 32 hex digits (8-4-4-4-12); this has " + bytes + " bytes"
                    + (bytes > 0 ? " (Xray would map such a string with UUIDv5; 4.34 does not: see vtool uuid -i)" : "");
        }
        if (value.startsWith("{") || value.regionMatches(true, 0, "urn:", 0, 4)) {
            return "braces and urn:uuid: prefixes are not accepted; write the bare 8-4-4-4-12 form";
        }
        return "only hex digits, with at most one '-' before each of the 8-4-4-4-12 groups, are accepted";
    }
}
