package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.util.StringQuotingChecker;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

/**
 * A fast writer for the block-style YAML the store writes, byte for byte what {@link Yaml}'s
 * Jackson generator writes for the same tree: mappings and sequences in block style (a sequence at
 * its key's indentation), plain or double-quoted single-line strings, numbers, booleans and null,
 * {@code {}} and {@code []} when empty. Whether a string or key is quoted is asked of the same
 * {@link StringQuotingChecker} the generator uses. Anything else (multi-line or non-ASCII quoted
 * strings, keys that need quotes, non-finite or float numbers, binary or POJO nodes) makes it give
 * up, and the caller writes the tree with Jackson; a property test checks the equality.
 */
final class FastYamlWriter {

  /** Gives up: the caller uses the generator. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final StringQuotingChecker quoting;
  private final StringBuilder out = new StringBuilder(2048);

  private FastYamlWriter(StringQuotingChecker quoting) {
    this.quoting = quoting;
  }

  /**
   * Writes a mapping or a sequence.
   *
   * @param node the tree
   * @param quoting the generator's quoting checker
   * @return the UTF-8 bytes, empty when the tree is outside what this writer knows
   */
  static Optional<byte[]> write(JsonNode node, StringQuotingChecker quoting) {
    if (!node.isContainerNode() || node.isEmpty()) {
      return Optional.empty();
    }
    FastYamlWriter w = new FastYamlWriter(quoting);
    try {
      if (node.isObject()) {
        w.mapping(node, 0, false);
      } else {
        w.sequence(node, 0, false);
      }
    } catch (GiveUp e) {
      return Optional.empty();
    }
    return Optional.of(w.out.toString().getBytes(StandardCharsets.UTF_8));
  }

  private void indent(int n) {
    for (int i = 0; i < n; i++) {
      out.append(' ');
    }
  }

  /** A non-empty mapping whose lines start at {@code indent}; the first one already begun. */
  private void mapping(JsonNode node, int indent, boolean inline) {
    boolean first = true;
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      if (!first || !inline) {
        indent(indent);
      }
      first = false;
      key(e.getKey());
      JsonNode v = e.getValue();
      if (v.isObject() && !v.isEmpty()) {
        out.append(":\n");
        mapping(v, indent + 2, false);
      } else if (v.isArray() && !v.isEmpty()) {
        out.append(":\n");
        sequence(v, indent, false);
      } else {
        out.append(": ");
        scalar(v);
        out.append('\n');
      }
    }
  }

  /** A non-empty sequence whose items start at {@code indent}; the first one already begun. */
  private void sequence(JsonNode node, int indent, boolean inline) {
    boolean first = true;
    for (JsonNode v : node) {
      if (!first || !inline) {
        indent(indent);
      }
      first = false;
      out.append("- ");
      if (v.isObject() && !v.isEmpty()) {
        mapping(v, indent + 2, true);
      } else if (v.isArray() && !v.isEmpty()) {
        sequence(v, indent + 2, true);
      } else {
        scalar(v);
        out.append('\n');
      }
    }
  }

  private void key(String name) {
    // plain keys only, and only those the emitter itself would not quote (edge spaces, indicators)
    if (quoting.needToQuoteName(name) || !Yaml.SafeQuoting.plain(name)) {
      throw GIVE_UP;
    }
    out.append(name);
  }

  private void scalar(JsonNode v) {
    if (v.isTextual()) {
      String s = v.textValue();
      if (!printableAscii(s)) {
        throw GIVE_UP; // line breaks, tabs, non-ASCII: the generator's escaping rules
      }
      if (!quoting.needToQuoteValue(s)) {
        out.append(s);
      } else if (s.indexOf('"') < 0 && s.indexOf('\\') < 0) {
        out.append('"').append(s).append('"');
      } else {
        throw GIVE_UP;
      }
    } else if (v.isObject()) {
      out.append("{}"); // empty: non-empty containers never get here
    } else if (v.isArray()) {
      out.append("[]");
    } else if (v.isInt() || v.isLong() || v.isShort() || v.isBigInteger()) {
      out.append(v.asText());
    } else if (v.isDouble()) {
      double d = v.doubleValue();
      if (!Double.isFinite(d)) {
        throw GIVE_UP;
      }
      out.append(d);
    } else if (v.isBigDecimal()) {
      out.append(v.decimalValue().toString());
    } else if (v.isBoolean()) {
      out.append(v.booleanValue());
    } else if (v.isNull()) {
      out.append("null");
    } else {
      throw GIVE_UP;
    }
  }

  private static boolean printableAscii(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e) {
        return false;
      }
    }
    return true;
  }
}
