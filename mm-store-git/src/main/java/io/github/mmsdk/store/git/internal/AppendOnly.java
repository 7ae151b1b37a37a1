package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.github.mmsdk.api.store.StoreConflictException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Append-only YAML documents: a header written once, then a trailing top-level list that only ever
 * grows at the end of the file, so every earlier byte stays as it was.
 */
public final class AppendOnly {

  private AppendOnly() {}

  /**
   * A new document.
   *
   * @param schema the document's schema (its version goes first)
   * @param body the header fields
   * @param listKey the trailing list's key
   * @param entries the first entries (may be empty)
   * @return the bytes
   */
  public static byte[] create(
      WireSchema schema, ObjectNode body, String listKey, List<? extends ObjectNode> entries) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    out.writeBytes(Yaml.write(header(schema, body)));
    out.writeBytes((listKey + ":\n").getBytes(StandardCharsets.UTF_8));
    out.writeBytes(render(entries));
    return out.toByteArray();
  }

  /**
   * A single-version document (no trailing list).
   *
   * @param schema the document's schema
   * @param body the fields
   * @return the bytes
   */
  public static byte[] create(WireSchema schema, ObjectNode body) {
    return Yaml.write(header(schema, body));
  }

  private static ObjectNode header(WireSchema schema, ObjectNode body) {
    ObjectNode doc = Yaml.object();
    doc.put("schema_version", schema.current());
    doc.setAll(body);
    return doc;
  }

  /**
   * The document with entries appended to its trailing list.
   *
   * @param existing the document as stored
   * @param listKey the trailing list's key
   * @param entries the entries to add
   * @param path the document's path, for errors
   * @return the new bytes; the old bytes are their prefix
   * @throws StoreConflictException when the list is not the document's last key, so appending would
   *     need a rewrite
   */
  public static byte[] append(
      byte[] existing, String listKey, List<? extends ObjectNode> entries, String path) {
    String lastKey = lastTopLevelKey(existing);
    ByteArrayOutputStream out = new ByteArrayOutputStream(existing.length + 1024);
    out.writeBytes(existing);
    if (existing.length > 0 && existing[existing.length - 1] != '\n') {
      out.write('\n');
    }
    if (lastKey == null || !lastKey.equals(listKey)) {
      if (hasTopLevelKey(existing, listKey)) {
        throw new StoreConflictException(
            path + ": '" + listKey + "' is not the last key, appending would rewrite the file",
            null);
      }
      out.writeBytes((listKey + ":\n").getBytes(StandardCharsets.UTF_8));
    } else if (!blockListOrEmpty(existing, listKey)) {
      throw new StoreConflictException(
          path + ": '" + listKey + "' is not a block list, appending would rewrite the file", null);
    }
    out.writeBytes(render(entries));
    return out.toByteArray();
  }

  /**
   * Renders entries as top-level block list items.
   *
   * @param entries the entries
   * @return the YAML lines
   */
  public static byte[] render(List<? extends ObjectNode> entries) {
    if (entries.isEmpty()) {
      return new byte[0];
    }
    ArrayNode a = Yaml.NODES.arrayNode();
    entries.forEach(a::add);
    return Yaml.write(a);
  }

  /**
   * The key of the last top-level {@code key: ...} line, or null: read from the end, so that an
   * append to a long document does not decode all of it.
   */
  static String lastTopLevelKey(byte[] bytes) {
    int end = bytes.length;
    while (end >= 0) {
      int start = end - 1;
      while (start >= 0 && bytes[start] != '\n') {
        start--;
      }
      start++; // the line is bytes[start, end)
      if (end > start) {
        byte c = bytes[start];
        if (c != ' ' && c != '-' && c != '#' && c != '\t' && c != '\r') {
          String line = new String(bytes, start, end - start, StandardCharsets.UTF_8);
          int colon = line.indexOf(':');
          if (colon > 0) {
            return line.substring(0, colon).trim();
          }
        }
      }
      end = start - 1;
    }
    return null;
  }

  private static boolean hasTopLevelKey(byte[] bytes, String key) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    return text.startsWith(key + ":") || text.contains("\n" + key + ":");
  }

  private static boolean blockListOrEmpty(byte[] bytes, String key) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    int at = text.startsWith(key + ":") ? 0 : text.lastIndexOf("\n" + key + ":") + 1;
    int eol = text.indexOf('\n', at);
    String rest = text.substring(at + key.length() + 1, eol < 0 ? text.length() : eol).trim();
    return rest.isEmpty() || rest.equals("null") || rest.equals("~");
  }
}
