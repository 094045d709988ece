package dev.vtool.engine.vmess;

/** Request command byte. Mux carries Mux.Cool and has no address in the header. */
public enum RequestCommand {
    TCP(1), UDP(2), MUX(3);

    private final int wire;

    RequestCommand(int wire) {
        this.wire = wire;
    }

    public int wire() {
        return wire;
    }

    /** Null for values 4.34 does not know. */
    public static RequestCommand fromWire(int value) {
        for (RequestCommand c : values()) {
            if (c.wire == value) {
                return c;
            }
        }
        return null;
    }

    /** UDP bodies keep datagram boundaries (one chunk per datagram); TCP and Mux are streams. */
    public boolean isPacket() {
        return this == UDP;
    }
}
