package dev.vtool.cli;

import dev.vtool.cli.output.QrRenderer;
import dev.vtool.schema.finding.Finding;
import dev.vtool.schema.json.ConfigReader;
import dev.vtool.schema.json.JsonPointers;
import dev.vtool.schema.json.ReadResult;
import dev.vtool.schema.link.ClientConfigWriter;
import dev.vtool.schema.link.ConfigLinks;
import dev.vtool.schema.link.LinkFormatException;
import dev.vtool.schema.link.ShadowsocksClientConfigWriter;
import dev.vtool.schema.link.ShadowsocksLink;
import dev.vtool.schema.link.ShadowsocksLinks;
import dev.vtool.schema.link.UriClientConfigWriter;
import dev.vtool.schema.link.UriShareLink;
import dev.vtool.schema.link.UriShareLinks;
import dev.vtool.schema.link.VmessLinkDecoder;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `vtool link CONFIG` prints vmess:// and ss:// links; `vtool link --import LINK` turns a link into a client
 * config.
 */
@Command(name = "link", mixinStandardHelpOptions = true,
        description = {"Print the VMess outbounds of a client config as vmess:// share links (v2rayN format) and its",
                "Shadowsocks, Trojan and VLESS outbounds, or a server config's inbounds of these, as ss:// (SIP002),",
                "trojan:// and vless:// links; with --import, turn a vmess://, ss:// (SIP002 or legacy), trojan:// or",
                "vless:// link into a commented client config."})
public final class LinkCommand implements Callable<Integer> {

    @Parameters(paramLabel = "CONFIG", arity = "0..1", description = "Client config, or a server config for ss:// links ('-' reads stdin).")
    String config;

    @Option(names = "--import", paramLabel = "LINK",
            description = "A vmess://, ss://, trojan:// or vless:// link to turn into a client config ('-' reads stdin).")
    String importLink;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "With --import: write the config here instead of stdout.")
    Path output;

    @Option(names = "--address", paramLabel = "HOST",
            description = "For a server config: the address clients reach it at (default: the inbound's listen address).")
    String address;

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
        List<String[]> entries = new ArrayList<>(); // pointer, link or null, problem
        for (ConfigLinks.Entry e : ConfigLinks.of(read.document())) {
            entries.add(new String[] {e.pointer(), e.link() == null ? null : e.link().encode(), e.problem()});
        }
        for (ShadowsocksLinks.Entry e : ShadowsocksLinks.of(read.document(), address)) {
            entries.add(new String[] {e.pointer(), e.link() == null ? null : e.link().encode(), e.problem()});
        }
        for (UriShareLinks.Entry e : UriShareLinks.of(read.document(), address)) {
            entries.add(new String[] {e.pointer(), e.link() == null ? null : e.link().encode(), e.problem()});
        }
        int printed = 0;
        for (String[] e : entries) {
            String where = read.document().locate(e[0]) + " (" + JsonPointers.toDisplayPath(e[0]) + ")";
            if (e[1] == null) {
                System.err.println("vtool link: " + where + ": skipped: " + e[2]);
                continue;
            }
            if (entries.size() > 1) {
                out.println("# " + where);
            }
            out.println(e[1]);
            if (qr) {
                out.print(QrRenderer.render(e[1]));
            }
            printed++;
        }
        if (printed == 0) {
            System.err.println("vtool link: " + config + " has no vmess outbound with a vnext user, and no shadowsocks,"
                    + " trojan or vless outbound or inbound, to share");
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
        String configText;
        try {
            configText = text.strip().regionMatches(true, 0, "ss://", 0, 5)
                    ? ShadowsocksClientConfigWriter.write(ShadowsocksLink.decode(text), socksPort, httpPort)
                    : UriShareLink.isUriShareLink(text) ? UriClientConfigWriter.write(UriShareLink.decode(text), socksPort, httpPort)
                    : ClientConfigWriter.write(VmessLinkDecoder.decode(text), socksPort, httpPort);
        } catch (LinkFormatException e) {
            System.err.println("vtool link: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
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
