package dev.vtool.engine.transport.xor;

import dev.vtool.schema.transport.TransportSettings;

/** {@code xorSettings}: the byte every stream byte is XORed with. */
public record XorSettings(int key) implements TransportSettings {
    static final XorSettings DEFAULT = new XorSettings(0x5a);

    @Override
    public String network() {
        return "xor";
    }
}
