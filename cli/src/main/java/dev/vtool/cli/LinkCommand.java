package dev.vtool.cli;

import dev.vtool.cli.output.QrRenderer;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.link.ClientConfigWriter;
import dev.vtool.schema.link.ConfigLinks;
import dev.vtool.schema.link.LinkFormatException;
import dev.vtool.schema.link.VmessLink;
import dev.vtool.schema.link.VmessLinkDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** `vtool link CONFIG` prints vmess:// links; `vtool link --import LINK` turns a link into a client config. */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Print the VMess outbounds of a client config as vmess:// share links (v2rayN format),",
                "or, with --import, turn a vmess:// link into a commented client config."})
public final class LinkCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG", arity = "0..1", description = "Client config ('-' reads stdin).")
    String config;

    @Option(names = "--import", paramLabel = "LINK", description = "A vmess:// link to turn into a client config ('-' reads stdin).")
    String importLink;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "With --import: write the config here instead of stdout.")
    Path output;

    @Option(names = "--force", description = "With -o: overwrite an existing file.")
    boolean force;

    @Option(names = "--qr", description = "Also print each link as a QR code.")
    boolean qr;

    @Option(names = "--socks-port", paramLabel = "PORT", defaultValue = "1080",
            description = "With --import: local SOCKS port (default: ${DEFAULT-VALUE}).")
    int socksPort;

    @Option(names = "--http-port", paramLabel = "PORT", defaultValue = "1081",
            description = "With --import: local HTTP proxy port, 0 for none (default: ${DEFAULT-VALUE}).")
    int httpPort;

    @Override
    public Integer call() {
        if ((config == null) == (importLink == null)) {
            System.err.println("vtool link: give either a CONFIG file or --import LINK");
            System.err.println("Try 'vtool link --help' for usage.");
            return ExitCodes.USAGE_OR_IO;
        }
        return importLink != null ? importLink() : printLinks();
    }

    private int printLinks() {
        PrintStream out = System.out;
        InputFiles in = InputFiles.read(List.of(config));
        if (!in.problems().isEmpty()) {
            in.problems().forEach(p -> System.err.println("vtool: " + p));
            return ExitCodes.USAGE_OR_IO;
        }
        ReadResult read = new ConfigReader().read(in.files().get(0));
        if (read.document() == null) {
            for (Finding f : read.findings()) {
                System.err.println(f.location() + ": " + f.severity().label() + ": " + f.message() + " [" + f.ruleId() + "]");
            }
            return ExitCodes.FINDINGS;
        }
        List<ConfigLinks.Entry> entries = ConfigLinks.of(read.document());
        int printed = 0;
        for (ConfigLinks.Entry e : entries) {
            String where = read.document().locate(e.pointer()) + " (" + JsonPointers.toDisplayPath(e.pointer()) + ")";
            if (e.link() == null) {
                System.err.println("vtool link: " + where + ": skipped: " + e.problem());
                continue;
            }
            if (entries.size() > 1) {
                out.println("# " + where);
            }
            out.println(e.link().encode());
            if (qr) {
                out.print(QrRenderer.render(e.link().encode()));
            }
            printed++;
        }
        if (printed == 0) {
            System.err.println("vtool link: " + config + " has no vmess outbound with a vnext user to share");
            return ExitCodes.FINDINGS;
        }
        return ExitCodes.OK;
    }

    private int importLink() {
        String text = importLink;
        try {
            if (text.equals("-")) {
                text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
            }
        } catch (IOException e) {
            System.err.println("vtool link: cannot read stdin: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        if (!validPort(socksPort, false) || !validPort(httpPort, true) || socksPort == httpPort) {
            System.err.println("vtool link: --socks-port and --http-port must be different ports 1-65535 (http may be 0)");
            return ExitCodes.USAGE_OR_IO;
        }
        VmessLink link;
        try {
            link = VmessLinkDecoder.decode(text);
        } catch (LinkFormatException e) {
            System.err.println("vtool link: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        String configText = ClientConfigWriter.write(link, socksPort, httpPort);
        if (output == null) {
            System.out.print(configText);
            System.out.flush();
            return ExitCodes.OK;
        }
        if (!force && !AtomicFiles.existing(List.of(output)).isEmpty()) {
            System.err.println("vtool link: " + output + " already exists; use --force to overwrite it");
            return ExitCodes.USAGE_OR_IO;
        }
        try {
            AtomicFiles.write(Map.of(output, configText));
        } catch (IOException e) {
            System.err.println("vtool link: cannot write " + output + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        System.err.println("wrote " + output);
        return ExitCodes.OK;
    }

    static boolean validPort(int port, boolean zeroAllowed) {
        return port >= (zeroAllowed ? 0 : 1) && port <= 65535;
    }
}
