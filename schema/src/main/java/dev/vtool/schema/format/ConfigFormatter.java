package dev.vtool.schema.format;

import dev.vtool.schema.format.JsoncTree.Container;
import dev.vtool.schema.format.JsoncTree.Document;

/**
 * {@code vtool fmt}'s engine: the canonical layout of a commented V2Ray config, keeping every comment
 * ({@code //}, {@code #}, {@code /* *&#47;}) and every value exactly as written. Formatting its own output
 * changes nothing. Call it only on text the config reader accepts; anything else is a
 * {@link FormatException} with its position.
 */
public final class ConfigFormatter {
    private final int indent;
    private final KeyOrder keyOrder;

    public ConfigFormatter(int indent, KeyOrder keyOrder) {
        if (indent < 0 || indent > 8) {
            throw new IllegalArgumentException("indent must be 0 to 8 spaces, not " + indent);
        }
        this.indent = indent;
        this.keyOrder = keyOrder;
    }

    /** Two spaces, keys as written. */
    public static ConfigFormatter standard() {
        return new ConfigFormatter(2, KeyOrder.KEEP);
    }

    public String format(String text) {
        Document doc = JsoncParser.parse(text.startsWith("\uFEFF") ? text.substring(1) : text);
        if (keyOrder == KeyOrder.V2RAY && doc.root() instanceof Container root) {
            V2rayKeyOrder.apply(root);
        }
        return JsoncPrinter.print(doc, indent);
    }
}
