package io.github.mmsdk.notify.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** The module's one JSON mapper. */
public final class Json {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private Json() {}

  /** {@return a new empty JSON object} */
  public static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  /**
   * Writes a node compactly.
   *
   * @param node the node
   * @return its JSON text
   */
  public static String write(JsonNode node) {
    return node.toString();
  }

  /**
   * Reads a JSON text leniently.
   *
   * @param text the text
   * @return the node, or a missing node when it is not JSON
   */
  public static JsonNode read(String text) {
    try {
      JsonNode node = MAPPER.readTree(text);
      return node == null ? MissingNode.getInstance() : node;
    } catch (java.io.IOException e) {
      return MissingNode.getInstance();
    }
  }
}
