package dev.vtool.engine.transport.xor;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.transport.SecurityConfig;
import dev.vtool.schema.transport.SecuritySettings;

/** The config side of the test-only {@code xortls} security layer (listed in this module's test service files). */
public final class XorSecurityConfig implements SecurityConfig {
    @Override
    public String name() {
        return "xortls";
    }

    @Override
    public String settingsKey() {
        return "xortlsSettings";
    }

    @Override
    public boolean runnable() {
        return true;
    }

    @Override
    public SecuritySettings parse(ConfigNode s) throws ConfigModelException {
        return new XorSecuritySettings((int) s.number("key", 0x33, 1, 255));
    }
}
