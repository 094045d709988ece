package dev.vtool.cli.api;

import dev.vtool.engine.api.ApiMethods;
import dev.vtool.engine.api.HandlerMessages;
import dev.vtool.engine.api.JsonHandlerConfigs;
import dev.vtool.engine.api.ProtoWriter;
import dev.vtool.engine.api.StatsMessages;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Calls 4.34's gRPC API (on vtool or v2ray): v2ctl's methods with v2ctl's output, and HandlerService in
 * plain words. Exit codes: 0 done, 1 the server refused or failed the call, 2 bad usage or unreachable.
 */
public final class ApiClient {
    public static final int OK = 0;
    public static final int REFUSED = 1;
    public static final int USAGE = 2;
    private static final String VMESS_ACCOUNT = "v2ray.core.proxy.vmess.Account";
    private static final String VLESS_ACCOUNT = "v2ray.core.proxy.vless.Account";
    private static final String TROJAN_ACCOUNT = "v2ray.core.proxy.trojan.Account";

    private final ApiRequest request;
    private final PrintStream out;
    private final PrintStream err;

    private ApiClient(ApiRequest request, PrintStream out, PrintStream err) {
        this.request = request;
        this.out = out;
        this.err = err;
    }

    public static int execute(ApiRequest request, PrintStream out, PrintStream err) {
        return new ApiClient(request, out, err).run();
    }

    /** A v2ctl-style {@code Service.Method} or one of vtool's words, mapped to one word. */
    static String action(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return switch (m) {
            case "statsservice.querystats", "querystats" -> "statsquery";
            case "statsservice.getstats", "getstats" -> "statsget";
            case "statsservice.getsysstats", "getsysstats" -> "sysstats";
            case "loggerservice.restartlogger" -> "restartlogger";
            case "handlerservice.addinbound" -> "addinbound";
            case "handlerservice.removeinbound", "removeinbound" -> "rminbound";
            case "handlerservice.addoutbound" -> "addoutbound";
            case "handlerservice.removeoutbound", "removeoutbound" -> "rmoutbound";
            default -> m;
        };
    }

    private int run() {
        String action = action(request.method());
        Call call;
        try {
            call = prepare(action);
        } catch (IllegalArgumentException e) {
            err.println("vtool api: " + e.getMessage());
            return USAGE;
        } catch (IOException e) {
            err.println("vtool api: " + e.getMessage());
            return USAGE;
        }
        ManagedChannel channel;
        try {
            channel = NettyChannelBuilder.forTarget(request.server()).usePlaintext().build();
        } catch (RuntimeException e) {
            err.println("vtool api: bad --server " + request.server() + ": " + e.getMessage());
            return USAGE;
        }
        try {
            byte[] answer = ClientCalls.blockingUnaryCall(channel, ApiMethods.unary(call.service(), call.method()),
                    CallOptions.DEFAULT.withDeadlineAfter(request.timeoutMillis(), TimeUnit.MILLISECONDS),
                    call.body());
            call.printer().print(answer);
            return OK;
        } catch (StatusRuntimeException e) {
            String what = call.service().substring(call.service().lastIndexOf('.') + 1) + "." + call.method();
            err.println("vtool api: failed to call service " + what + " on " + request.server() + " > "
                    + e.getStatus().getCode() + (e.getStatus().getDescription() == null ? ""
                    : ": " + e.getStatus().getDescription()));
            return switch (e.getStatus().getCode()) {
                case UNAVAILABLE, DEADLINE_EXCEEDED -> USAGE;
                default -> REFUSED;
            };
        } catch (IOException e) {
            err.println("vtool api: malformed answer: " + e.getMessage());
            return REFUSED;
        } finally {
            channel.shutdownNow();
            try {
                channel.awaitTermination(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private interface Printer {
        void print(byte[] answer) throws IOException;
    }

    private record Call(String service, String method, byte[] body, Printer printer) {
    }

    private Call prepare(String action) throws IOException {
        List<String> args = request.args();
        return switch (action) {
            case "statsquery" -> {
                Map<String, Object> t = text(args);
                String pattern = string(t, "pattern", request.args().size() == 1 && !args.get(0).contains(":")
                        ? args.get(0) : "");
                boolean reset = bool(t, "reset") || request.reset();
                yield new Call(ApiMethods.STATS, "QueryStats",
                        new StatsMessages.QueryStatsRequest(pattern, reset).encode(), this::printQuery);
            }
            case "statsget" -> {
                Map<String, Object> t = text(args);
                String name = string(t, "name", args.size() == 1 && !args.get(0).contains(": ") ? args.get(0) : null);
                if (name == null) {
                    throw new IllegalArgumentException("statsget needs a counter name, e.g. "
                            + "'user>>>love@example.com>>>traffic>>>uplink'");
                }
                yield new Call(ApiMethods.STATS, "GetStats",
                        new StatsMessages.GetStatsRequest(name, bool(t, "reset") || request.reset()).encode(),
                        this::printGet);
            }
            case "sysstats" -> new Call(ApiMethods.STATS, "GetSysStats", new byte[0], this::printSys);
            case "restartlogger" -> new Call(ApiMethods.LOGGER, "RestartLogger", new byte[0], a -> out.println());
            case "adduser" -> {
                String tag = required(request.tag(), "--tag (the inbound)");
                String email = required(request.email(), "--email");
                HandlerMessages.User user = new HandlerMessages.User(request.level(), email, account());
                HandlerMessages.TypedMessage op = new HandlerMessages.TypedMessage(HandlerMessages.ADD_USER,
                        new HandlerMessages.AddUserOperation(user).encode());
                yield new Call(ApiMethods.HANDLER, "AlterInbound", new HandlerMessages.AlterRequest(tag, op).encode(),
                        a -> out.println("added user " + email + " to inbound " + tag));
            }
            case "rmuser" -> {
                String tag = required(request.tag(), "--tag (the inbound)");
                String email = required(request.email(), "--email");
                HandlerMessages.TypedMessage op = new HandlerMessages.TypedMessage(HandlerMessages.REMOVE_USER,
                        new HandlerMessages.RemoveUserOperation(email).encode());
                yield new Call(ApiMethods.HANDLER, "AlterInbound", new HandlerMessages.AlterRequest(tag, op).encode(),
                        a -> out.println("removed user " + email + " from inbound " + tag));
            }
            case "addinbound", "addoutbound" -> {
                boolean in = action.equals("addinbound");
                JsonNode handler = handlerJson(in ? "inbounds" : "outbounds");
                String tag = handler.path("tag").isString() ? handler.path("tag").asString() : "";
                // 4.34 dereferences the transport settings before it looks at the proxy's type (a nil one
                // crashes it): send a well-formed one, so a v2ray server refuses the JSON form cleanly
                HandlerMessages.TypedMessage transport = in
                        ? new HandlerMessages.TypedMessage("v2ray.core.app.proxyman.ReceiverConfig", receiverStub(handler))
                        : new HandlerMessages.TypedMessage("v2ray.core.app.proxyman.SenderConfig", new byte[0]);
                HandlerMessages.HandlerConfig config = new HandlerMessages.HandlerConfig(tag, transport,
                        new HandlerMessages.TypedMessage(in ? JsonHandlerConfigs.INBOUND : JsonHandlerConfigs.OUTBOUND,
                                handler.toString().getBytes(StandardCharsets.UTF_8)));
                yield new Call(ApiMethods.HANDLER, in ? "AddInbound" : "AddOutbound", HandlerMessages.encodeAdd(config),
                        a -> out.println("added " + (in ? "inbound " : "outbound ") + (tag.isEmpty() ? "(no tag)" : tag)));
            }
            case "rminbound", "rmoutbound" -> {
                boolean in = action.equals("rminbound");
                String tag = args.size() == 1 ? args.get(0) : required(request.tag(), "the tag");
                yield new Call(ApiMethods.HANDLER, in ? "RemoveInbound" : "RemoveOutbound",
                        HandlerMessages.encodeTag(tag),
                        a -> out.println("removed " + (in ? "inbound " : "outbound ") + tag));
            }
            default -> throw new IllegalArgumentException("unknown method '" + request.method() + "'; one of "
                    + "statsquery, statsget, sysstats, restartlogger, adduser, rmuser, addinbound, rminbound, "
                    + "addoutbound, rmoutbound (or v2ctl's Service.Method)");
        };
    }

    /** The account message of adduser, as 4.34's proto of that protocol has it. */
    private HandlerMessages.TypedMessage account() {
        String protocol = request.protocol() == null ? "vmess" : request.protocol().toLowerCase(Locale.ROOT);
        return switch (protocol) {
            case "vmess" -> new HandlerMessages.TypedMessage(VMESS_ACCOUNT, new ProtoWriter()
                    .string(1, required(request.id(), "--id (the user's UUID)")).varint(2, request.alterId())
                    .toByteArray());
            case "vless" -> new HandlerMessages.TypedMessage(VLESS_ACCOUNT, new ProtoWriter()
                    .string(1, required(request.id(), "--id (the user's UUID)")).string(3, "none").toByteArray());
            case "trojan" -> new HandlerMessages.TypedMessage(TROJAN_ACCOUNT, new ProtoWriter()
                    .string(1, required(request.password(), "--password")).toByteArray());
            default -> throw new IllegalArgumentException("--protocol must be vmess, vless or trojan (got "
                    + request.protocol() + ")");
        };
    }

    /** 4.34's ReceiverConfig with the port (port_range = 1: from = 1, to = 2) when the JSON gives a number. */
    private static byte[] receiverStub(JsonNode handler) {
        int port = handler.path("port").isIntegralNumber() ? handler.path("port").asInt() : 0;
        byte[] range = new ProtoWriter().varint(1, port).varint(2, port).toByteArray();
        return new ProtoWriter().bytes(1, range).toByteArray();
    }

    private static String required(String value, String what) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("missing " + what);
        }
        return value;
    }

    /** v2ctl's request text, when the argument is one ({@code 'pattern: "" reset: true'}). */
    private static Map<String, Object> text(List<String> args) {
        if (args.isEmpty() || !args.get(0).contains(":") || args.get(0).contains(">>>") && !args.get(0).contains("\"")) {
            return Map.of();
        }
        return ProtoText.parse(String.join(" ", args));
    }

    private static String string(Map<String, Object> t, String key, String fallback) {
        Object v = t.get(key);
        if (v == null) {
            return fallback;
        }
        if (!(v instanceof String s)) {
            throw new IllegalArgumentException(key + " must be a quoted string");
        }
        return s;
    }

    private static boolean bool(Map<String, Object> t, String key) {
        Object v = t.get(key);
        if (v != null && !(v instanceof Boolean)) {
            throw new IllegalArgumentException(key + " must be true or false");
        }
        return Boolean.TRUE.equals(v);
    }

    /**
     * The one handler object of addinbound/addoutbound: a file (or - for stdin, or inline JSON) holding the
     * handler object itself or a config with exactly one entry in {@code inbounds}/{@code outbounds}.
     */
    private JsonNode handlerJson(String section) throws IOException {
        if (request.args().size() != 1) {
            throw new IllegalArgumentException("give one FILE (or - for stdin, or the JSON object itself)");
        }
        String arg = request.args().get(0);
        String text;
        if (arg.equals("-")) {
            text = new String(System.in.readNBytes(1 << 20), StandardCharsets.UTF_8);
        } else if (arg.trim().startsWith("{")) {
            text = arg;
        } else {
            Path p = Path.of(arg);
            if (!Files.isRegularFile(p)) {
                throw new IOException("cannot read " + arg + ": no such file");
            }
            if (Files.size(p) > (1 << 20)) {
                throw new IOException(arg + " is larger than 1 MiB");
            }
            text = Files.readString(p);
        }
        JsonNode node;
        try {
            node = new ObjectMapper().readTree(text);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not JSON (" + arg + "): " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (node.has(section)) {
            JsonNode list = node.get(section);
            if (!list.isArray() || list.size() != 1) {
                throw new IllegalArgumentException("\"" + section + "\" must hold exactly one entry");
            }
            node = list.get(0);
        }
        if (!node.isObject()) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return node;
    }

    private void printStat(StatsMessages.Stat s) {
        out.println("stat: <");
        out.println("  name: " + ProtoText.quote(s.name()));
        if (s.value() != 0) {
            out.println("  value: " + s.value());
        }
        out.println(">");
    }

    private void printQuery(byte[] answer) throws IOException {
        for (StatsMessages.Stat s : StatsMessages.QueryStatsResponse.decode(answer).stats()) {
            printStat(s);
        }
        out.println();
    }

    private void printGet(byte[] answer) throws IOException {
        StatsMessages.GetStatsResponse r = StatsMessages.GetStatsResponse.decode(answer);
        if (r.stat() != null) {
            printStat(r.stat());
        }
        out.println();
    }

    private void printSys(byte[] answer) throws IOException {
        StatsMessages.SysStatsResponse r = StatsMessages.SysStatsResponse.decode(answer);
        List<String> lines = new ArrayList<>();
        add(lines, "NumGoroutine", r.numGoroutine());
        add(lines, "NumGC", r.numGc());
        add(lines, "Alloc", r.alloc());
        add(lines, "TotalAlloc", r.totalAlloc());
        add(lines, "Sys", r.sys());
        add(lines, "Mallocs", r.mallocs());
        add(lines, "Frees", r.frees());
        add(lines, "LiveObjects", r.liveObjects());
        add(lines, "PauseTotalNs", r.pauseTotalNs());
        add(lines, "Uptime", r.uptime());
        lines.forEach(out::println);
        out.println();
    }

    private static void add(List<String> lines, String name, long value) {
        if (value != 0) {
            lines.add(name + ": " + Long.toUnsignedString(value));
        }
    }
}
