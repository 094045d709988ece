package dev.vtool.engine;

import dev.vtool.schema.model.LevelPolicy;
import java.net.InetSocketAddress;

/**
 * What the engine knows about one proxied connection while it is dispatched: where it came from, which
 * inbound and user, where it goes (the sniffer may change that) and the policy that times it.
 */
public final class Session {
    private final int id;
    private final InetSocketAddress source;
    private final String inboundTag;
    private final String accessFrom;
    private LevelPolicy policy;
    private Destination destination;
    private String userEmail = "";
    private String sniffedProtocol = "";
    private boolean remoteFacing;
    private java.util.Map<String, String> attributes;

    /**
     * @param accessFrom how the access log names the client ({@code tcp:1.2.3.4:5} or {@code 1.2.3.4:5}
     *                   depending on the inbound, as in V2Ray)
     */
    public Session(int id, InetSocketAddress source, String inboundTag, String accessFrom, LevelPolicy policy) {
        this.id = id;
        this.source = source;
        this.inboundTag = inboundTag == null ? "" : inboundTag;
        this.accessFrom = accessFrom;
        this.policy = policy;
    }

    public int id() {
        return id;
    }

    public InetSocketAddress source() {
        return source;
    }

    public String inboundTag() {
        return inboundTag;
    }

    public String accessFrom() {
        return accessFrom;
    }

    public LevelPolicy policy() {
        return policy;
    }

    /** An authenticated user's level decides the policy from then on. */
    public void policy(LevelPolicy p) {
        this.policy = p;
    }

    public Destination destination() {
        return destination;
    }

    public void destination(Destination d) {
        this.destination = d;
    }

    public String userEmail() {
        return userEmail;
    }

    public void userEmail(String email) {
        this.userEmail = email == null ? "" : email;
    }

    public String sniffedProtocol() {
        return sniffedProtocol;
    }

    public void sniffedProtocol(String protocol) {
        this.sniffedProtocol = protocol == null ? "" : protocol;
    }

    /**
     * What routing rules' {@code attrs} see: set by the HTTP inbound for a plain (non-CONNECT) request
     * ({@code :method}, {@code :path}, every header lower-cased), as 4.34's; null otherwise.
     */
    public java.util.Map<String, String> attributes() {
        return attributes;
    }

    public void attributes(java.util.Map<String, String> values) {
        this.attributes = values;
    }

    /** Whether the client came in through a remote-facing inbound (VMess): freedom then guards private targets. */
    public boolean remoteFacing() {
        return remoteFacing;
    }

    public void remoteFacing(boolean value) {
        this.remoteFacing = value;
    }
}
