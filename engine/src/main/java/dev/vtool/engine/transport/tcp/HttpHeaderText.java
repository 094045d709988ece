package dev.vtool.engine.transport.tcp;

import dev.vtool.schema.transport.tcp.HttpHeader;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/** Writes the camouflage request and responses as 4.34 does: one value picked at random per header. */
final class HttpHeaderText {
    private static final DateTimeFormatter HTTP_DATE =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.US);
    static final HttpHeader.Response BAD_REQUEST = errorResponse("400", "Bad Request");
    static final HttpHeader.Response NOT_FOUND = errorResponse("404", "Not Found");

    private HttpHeaderText() {
    }

    private static HttpHeader.Response errorResponse(String code, String reason) {
        return new HttpHeader.Response("1.1", code, reason, List.of(
                new HttpHeader.Field("Connection", List.of("close")),
                new HttpHeader.Field("Cache-Control", List.of("private")),
                new HttpHeader.Field("Content-Length", List.of("0"))));
    }

    static String request(HttpHeader.Request r) {
        StringBuilder b = new StringBuilder();
        b.append(r.method()).append(' ').append(pick(r.paths())).append(" HTTP/").append(r.version()).append("\r\n");
        fields(b, r.headers());
        return b.append("\r\n").toString();
    }

    static String response(HttpHeader.Response r) {
        StringBuilder b = new StringBuilder();
        b.append("HTTP/").append(r.version()).append(' ').append(r.status()).append(' ').append(r.reason()).append("\r\n");
        fields(b, r.headers());
        if (r.headers().stream().noneMatch(f -> f.name().equalsIgnoreCase("Date"))) {
            b.append("Date: ").append(HTTP_DATE.format(ZonedDateTime.now(ZoneOffset.UTC))).append("\r\n");
        }
        return b.append("\r\n").toString();
    }

    private static void fields(StringBuilder b, List<HttpHeader.Field> fields) {
        for (HttpHeader.Field f : fields) {
            b.append(f.name()).append(": ").append(pick(f.values())).append("\r\n");
        }
    }

    static String pick(List<String> values) {
        return switch (values.size()) {
            case 0 -> "";
            case 1 -> values.get(0);
            default -> values.get(ThreadLocalRandom.current().nextInt(values.size()));
        };
    }
}
