package dev.vtool.schema.merge;

import dev.vtool.schema.json.ConfigDocument;
import tools.jackson.databind.JsonNode;

/** A value taken from one file: the document it lives in, its pointer there, and the value itself. */
record Part(ConfigDocument doc, String pointer, JsonNode node) {
}
