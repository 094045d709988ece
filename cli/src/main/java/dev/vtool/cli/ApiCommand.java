package dev.vtool.cli;

import dev.vtool.cli.api.ApiClient;
import dev.vtool.cli.api.ApiRequest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * `vtool api`: v2ctl api's calls (same methods, request text and output) and HandlerService in plain words.
 * gRPC is loaded only when a call is made (ApiClient), never by other commands.
 */
@Command(name = "api", mixinStandardHelpOptions = true,
        description = {"Call the gRPC API of a running vtool or v2ray (the \"api\" section): counters, log restart,",
                "and users, inbounds and outbounds added or removed at run time. Methods:",
                "  statsquery [PATTERN | 'pattern: \"\" reset: true']   every counter whose name contains PATTERN",
                "  statsget NAME | 'name: \"...\" reset: false'         one counter",
                "  sysstats, restartlogger                            runtime figures; reopen the log files",
                "  adduser --tag IN --email E --id UUID [--alter-id N] [--level L]   a vmess user",
                "  adduser --protocol vless|trojan ... --id UUID | --password P      a vless or trojan user",
                "  rmuser --tag IN --email E",
                "  addinbound FILE|-|JSON, addoutbound FILE|-|JSON    one handler object (or a config with one)",
                "  rminbound TAG, rmoutbound TAG",
                "v2ctl's spelling works too: StatsService.QueryStats 'pattern: \"\"'.",
                "Exit 0 done, 1 refused by the server, 2 bad usage or server unreachable."})
public final class ApiCommand implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "METHOD", description = "What to call (see above).")
    String method;

    @Parameters(index = "1..*", paramLabel = "ARG", description = "The method's argument(s).")
    List<String> args = new ArrayList<>();

    @Option(names = {"-s", "--server", "-server"}, paramLabel = "HOST:PORT", defaultValue = "127.0.0.1:8080",
            description = "Address of the API inbound (default: ${DEFAULT-VALUE}, as v2ctl).")
    String server;

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "3",
            description = "Give up after this many seconds (default: ${DEFAULT-VALUE}, as v2ctl).")
    double timeout;

    @Option(names = "--tag", paramLabel = "TAG", description = "The inbound of adduser/rmuser.")
    String tag;

    @Option(names = "--email", paramLabel = "EMAIL", description = "The user's email (its name in counters).")
    String email;

    @Option(names = "--id", paramLabel = "UUID", description = "The vmess user's id.")
    String id;

    @Option(names = "--protocol", paramLabel = "P", defaultValue = "vmess",
            description = "The account of adduser: vmess (--id, --alter-id), vless (--id) or trojan (--password).")
    String protocol;

    @Option(names = "--password", paramLabel = "TEXT", description = "The trojan user's password.")
    String password;

    @Option(names = "--alter-id", paramLabel = "N", defaultValue = "0", description = "The vmess user's alterId.")
    int alterId;

    @Option(names = "--level", paramLabel = "N", defaultValue = "0", description = "The user's policy level.")
    int level;

    @Option(names = "--reset", description = "Reset the counters read to zero.")
    boolean reset;

    @Override
    public Integer call() {
        if (!(timeout > 0 && timeout <= 3600)) {
            System.err.println("vtool api: --timeout must be between 0 and 3600 seconds");
            return ExitCodes.USAGE_OR_IO;
        }
        return ApiClient.execute(new ApiRequest(server, (long) (timeout * 1000), method, args, tag, email, id,
                alterId, level, reset, protocol, password), System.out, System.err);
    }
}
