package dev.vtool.schema.transport;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import java.util.Locale;

/**
 * {@code streamSettings.sockopt}: socket options every network applies to its system sockets.
 *
 * @param mark                SO_MARK, 0 for none
 * @param tcpFastOpen         null when unset (system default), else on or off
 * @param tproxy              {@code off}, {@code tproxy} or {@code redirect} (4.34 reads any other value as off)
 * @param acceptProxyProtocol whether accepted connections start with a PROXY protocol header
 */
public record SocketSettings(int mark, Boolean tcpFastOpen, String tproxy, boolean acceptProxyProtocol) {
    public static final SocketSettings DEFAULT = new SocketSettings(0, null, "off", false);

    /** Whether the sockets are transparent (IP_TRANSPARENT): 4.34 sets it for "redirect" too. */
    public boolean transparent() {
        return !"off".equals(tproxy);
    }

    public SocketSettings withTproxy(String mode) {
        return new SocketSettings(mark, tcpFastOpen, mode, acceptProxyProtocol);
    }

    static SocketSettings parse(ConfigNode n) throws ConfigModelException {
        int mark = (int) n.number("mark", 0, Integer.MIN_VALUE, Integer.MAX_VALUE);
        ConfigNode tfo = n.get("tcpFastOpen");
        Boolean fastOpen = tfo == null ? null : n.bool("tcpFastOpen");
        String tproxy = switch (n.string("tproxy", "").toLowerCase(Locale.ROOT)) {
            case "tproxy" -> "tproxy";
            case "redirect" -> "redirect";
            default -> "off";
        };
        return new SocketSettings(mark, fastOpen, tproxy, n.bool("acceptProxyProtocol"));
    }
}
