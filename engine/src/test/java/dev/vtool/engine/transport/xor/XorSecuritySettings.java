package dev.vtool.engine.transport.xor;

import dev.vtool.schema.transport.SecuritySettings;

/** {@code xortlsSettings}: the key of the test-only security layer. */
public record XorSecuritySettings(int key) implements SecuritySettings {
    @Override
    public String security() {
        return "xortls";
    }
}
