package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** The one YAML (and JSON) configuration of the store: block style, no document marker. */
public final class Yaml {

  /** The quoting rule of the generator, shared with {@link FastYamlWriter}. */
  static final SafeQuoting QUOTING = new SafeQuoting();

  private static final YAMLFactory FACTORY =
      YAMLFactory.builder()
          .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
          .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
          .disable(YAMLGenerator.Feature.SPLIT_LINES)
          .stringQuotingChecker(QUOTING)
          .build();

  /**
   * Leaves only plainly safe strings unquoted (words, ids, pairs); anything that YAML could read as
   * something else (tags, anchors, comments, colons, edge spaces, numbers) gets quotes.
   */
  static final class SafeQuoting extends StringQuotingChecker.Default {
    private static final long serialVersionUID = 1L;

    @Override
    public boolean needToQuoteValue(String value) {
      return super.needToQuoteValue(value) || !plain(value);
    }

    /** {@return whether a text is words of letters, digits and a few signs, single-spaced} */
    static boolean plain(String text) {
      return YamlText.plain(text);
    }
  }

  /** The YAML mapper. */
  public static final ObjectMapper YAML =
      new ObjectMapper(FACTORY)
          .registerModule(new JavaTimeModule())
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false)
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  /** The JSON mapper (raw candles). */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
          .configure(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES, false);

  /** The node factory. */
  public static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private Yaml() {}

  /** {@return a new empty object node} */
  public static ObjectNode object() {
    return NODES.objectNode();
  }

  /**
   * Writes a tree as YAML.
   *
   * @param node the tree
   * @return the UTF-8 bytes
   */
  public static byte[] write(JsonNode node) {
    Optional<byte[]> fast = FastYamlWriter.write(node, QUOTING);
    if (fast.isPresent()) {
      return fast.get();
    }
    return writeSlow(node);
  }

  /**
   * Writes a tree as YAML with the Jackson generator (what {@link #write(JsonNode)} falls back to).
   *
   * @param node the tree
   * @return the UTF-8 bytes
   */
  static byte[] writeSlow(JsonNode node) {
    try {
      return YAML.writeValueAsBytes(node);
    } catch (JsonProcessingException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Parses YAML into a tree.
   *
   * @param bytes the text
   * @return the tree (a missing node for an empty document)
   * @throws JsonProcessingException on bad syntax
   */
  public static JsonNode read(byte[] bytes) throws JsonProcessingException {
    Optional<JsonNode> fast = FastYaml.read(bytes);
    if (fast.isPresent()) {
      return fast.get();
    }
    try {
      JsonNode n = YAML.readTree(bytes);
      return n == null ? NODES.missingNode() : n;
    } catch (JsonProcessingException e) {
      throw e;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The 1-based line of every key and list element in a YAML text, by dotted path ({@code
   * a.b[0].c}). Used only when reporting an error.
   *
   * @param bytes the text
   * @return path to line; partial when the text is malformed
   */
  public static Map<String, Integer> lines(byte[] bytes) {
    Map<String, Integer> out = new HashMap<>();
    try (JsonParser p = FACTORY.createParser(bytes)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        if (t == JsonToken.FIELD_NAME
            || (p.getParsingContext().inArray() && t != JsonToken.END_ARRAY)) {
          out.putIfAbsent(path(p.getParsingContext()), p.currentTokenLocation().getLineNr());
        }
      }
    } catch (IOException e) {
      // partial index is fine for error reporting
    }
    return out;
  }

  /**
   * The line of the longest known prefix of a dotted path.
   *
   * @param bytes the text
   * @param path the dotted path
   * @return the 1-based line, 0 when unknown
   */
  public static int lineOf(byte[] bytes, String path) {
    Map<String, Integer> lines = lines(bytes);
    String p = path;
    while (!p.isEmpty()) {
      Integer l = lines.get(p);
      if (l != null) {
        return l;
      }
      int cut = Math.max(p.lastIndexOf('.'), p.lastIndexOf('['));
      p = cut <= 0 ? "" : p.substring(0, cut);
    }
    return 0;
  }

  private static String path(JsonStreamContext ctx) {
    Deque<String> parts = new ArrayDeque<>();
    for (JsonStreamContext c = ctx; c != null && !c.inRoot(); c = c.getParent()) {
      if (c.inArray()) {
        parts.push("[" + Math.max(0, c.getCurrentIndex()) + "]");
      } else if (c.inObject() && c.getCurrentName() != null) {
        parts.push("." + c.getCurrentName());
      }
    }
    StringBuilder sb = new StringBuilder();
    parts.forEach(sb::append);
    return sb.length() > 0 && sb.charAt(0) == '.' ? sb.substring(1) : sb.toString();
  }

  /**
   * Decodes UTF-8.
   *
   * @param bytes the bytes
   * @return the text
   */
  public static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
