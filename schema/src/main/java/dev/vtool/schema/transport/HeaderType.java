package dev.vtool.schema.transport;

import dev.vtool.schema.model.ConfigModelException;
import dev.vtool.schema.model.ConfigNode;
import dev.vtool.schema.text.V2rayMessages;
import java.util.Locale;
import java.util.Set;

/**
 * The {@code header} object of tcp, mKCP and QUIC settings: 4.34 looks up its {@code type} member by exact
 * key (it decodes the object as a map), lower-cases the value and knows a fixed set per network.
 */
public final class HeaderType {
    /** Packet header types 4.34 knows for mKCP and QUIC. */
    public static final Set<String> PACKET = Set.of("none", "srtp", "utp", "wechat-video", "dtls", "wireguard");

    private HeaderType() {
    }

    /**
     * The lower-case header type, {@code "none"} when there is no header object.
     *
     * @param what 4.34's words for a bad header ({@code invalid TCP header config})
     */
    public static String read(ConfigNode settings, Set<String> known, String what) throws ConfigModelException {
        ConfigNode header = settings.object("header");
        if (header == null) {
            return "none";
        }
        var type = header.json().get("type");
        if (type == null) {
            throw header.error(V2rayMessages.causedBy(what, V2rayMessages.notFoundInJsonContext("type")));
        }
        if (!type.isString()) {
            throw header.error(what + " > json: cannot unmarshal " + type.getNodeType().name().toLowerCase(Locale.ROOT)
                    + " into Go value of type string");
        }
        String id = type.asString().toLowerCase(Locale.ROOT);
        if (!known.contains(id)) {
            throw header.error(V2rayMessages.causedBy(what, V2rayMessages.unknownConfigId(id)));
        }
        return id;
    }
}
