package dev.vtool.schema.diagnose;

import dev.vtool.schema.json.ConfigDocument;
import java.util.ArrayList;
import java.util.List;

/**
 * The user's configs a tailor may consult: {@code config} (--config, the config of the machine that
 * wrote the log, usually the client) and {@code server} (--server). Either may be null.
 */
public record TailorContext(ConfigDocument config, ConfigDocument server) {
    public static final TailorContext NONE = new TailorContext(null, null);

    public boolean isEmpty() {
        return config == null && server == null;
    }

    /** The configs given, --config first. */
    public List<ConfigDocument> documents() {
        List<ConfigDocument> out = new ArrayList<>();
        if (config != null) {
            out.add(config);
        }
        if (server != null) {
            out.add(server);
        }
        return out;
    }
}
