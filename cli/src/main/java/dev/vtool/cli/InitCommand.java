package dev.vtool.cli;

import dev.vtool.cli.init.InitAnswers;
import dev.vtool.cli.init.InitConfigs;
import dev.vtool.cli.init.InitWizard;
import dev.vtool.cli.init.JlinePrompter;
import dev.vtool.cli.init.Prompter;
import dev.vtool.cli.output.QrRenderer;
import dev.vtool.schema.vmess.V2rayUuid;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** `vtool init`: a matching client.json and server.json (VMess AEAD, fresh UUID), asked or from flags. */
@Command(name = "init", mixinStandardHelpOptions = true,
        description = {"Write a matching client.json and server.json: VMess with a fresh UUID and AEAD (alterId 0),",
                "over tcp, ws+tls or h2+tls; the client proxies SOCKS and HTTP on 127.0.0.1 with sniffing.",
                "In a terminal it asks for what the flags leave open; without one, pass flags (--yes takes defaults).",
                "Exit codes: 0 written, 2 bad answers, existing files (without --force), cancelled or I/O error."})
public final class InitCommand implements Callable<Integer> {

    /** Tests put a scripted terminal here; null means "the real terminal, if there is one". */
    static TerminalFactory terminalFactory;

    interface TerminalFactory {
        Terminal open() throws IOException;
    }

    /** The answers given as flags (--server-address, --port, ...); the wizard completes them. */
    @Mixin
    InitAnswers a = new InitAnswers();

    @Option(names = {"-y", "--yes"}, description = "Take the defaults for every question not given as a flag.")
    boolean yes;

    @Option(names = "--force", description = "Overwrite existing client.json / server.json.")
    boolean force;

    @Option(names = "--qr", description = "Also print the client's vmess:// link as a QR code.")
    boolean qr;

    @Override
    public Integer call() {
        PrintStream out = System.out;
        PrintStream err = System.err;
        Terminal terminal = null;
        try {
            if (!yes && (terminalFactory != null || System.console() != null)) {
                terminal = terminalFactory != null ? terminalFactory.open()
                        : TerminalBuilder.builder().system(true).build();
            }
            Prompter prompter = terminal == null ? null : new JlinePrompter(terminal);
            if (prompter != null) {
                prompter.say("vtool init: a VMess server and a client that match. Enter accepts [the default]; "
                        + "Ctrl-C quits without writing anything.");
            }
            InitWizard.complete(a, prompter, yes);
        } catch (InitWizard.InitException e) {
            err.println("vtool init: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        } catch (Prompter.Cancelled e) {
            err.println("vtool init: cancelled (" + e.getMessage() + "); nothing was written");
            return ExitCodes.USAGE_OR_IO;
        } catch (IOException e) {
            err.println("vtool init: cannot open the terminal: " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        } finally {
            closeQuietly(terminal);
        }
        Path dir = Path.of(a.outputDir);
        Path clientFile = dir.resolve("client.json");
        Path serverFile = dir.resolve("server.json");
        List<Path> existing = AtomicFiles.existing(List.of(clientFile, serverFile));
        if (!force && !existing.isEmpty()) {
            err.println("vtool init: " + existing.get(0) + " already exists; use --force to overwrite "
                    + "(nothing was written)");
            return ExitCodes.USAGE_OR_IO;
        }
        InitConfigs configs = InitConfigs.of(a, V2rayUuid.randomV4());
        Map<Path, String> files = new LinkedHashMap<>();
        files.put(serverFile, configs.server());
        files.put(clientFile, configs.client());
        try {
            AtomicFiles.write(files);
        } catch (IOException e) {
            err.println("vtool init: cannot write to " + dir + ": " + e.getMessage());
            return ExitCodes.USAGE_OR_IO;
        }
        out.println("wrote " + serverFile + " (copy it to the server) and " + clientFile);
        if (a.tls() && !(Files.isReadable(Path.of(a.cert)) && Files.isReadable(Path.of(a.key)))) {
            out.println("note: " + a.cert + " / " + a.key + " do not exist here; they must on the server "
                    + "(vtool lint reports them until then)");
        }
        if (a.serverAddress.equals("server.example.com")) {
            out.println("note: the server address is a placeholder; pass --server-address or edit client.json");
        }
        out.println("client link: " + configs.link().encode());
        if (qr) {
            out.print(QrRenderer.render(configs.link().encode()));
        }
        return ExitCodes.OK;
    }

    private static void closeQuietly(Terminal t) {
        if (t != null) {
            try {
                t.close();
            } catch (IOException e) {
                // closing the terminal cannot lose any answer
            }
        }
    }
}
