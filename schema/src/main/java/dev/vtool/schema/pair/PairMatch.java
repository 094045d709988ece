package dev.vtool.schema.pair;

/**
 * A client server entry that reaches a server inbound, for the "OK" summary line.
 *
 * @param port     the port they meet on
 * @param protocol the protocol both use
 * @param detail   protocol detail ("AEAD", "legacy alterId 64", a cipher) or ""
 * @param transport network, with "+tls" when TLS is on ("tcp", "ws+tls")
 * @param clean    no error was found for this pairing
 */
public record PairMatch(int port, String protocol, String detail, String transport, boolean clean) {

    /** "vmess, AEAD, tcp". */
    public String describe() {
        return detail.isEmpty() ? protocol + ", " + transport : protocol + ", " + detail + ", " + transport;
    }
}
