package dev.vtool.engine;

import dev.vtool.schema.model.Config;

/** Lets tests in other packages build a config model from JSON text the way EngineHarness does. */
public final class EngineHarnessAccess {
    private EngineHarnessAccess() {
    }

    public static Config config(String json) throws Exception {
        return EngineHarness.config(json);
    }
}
