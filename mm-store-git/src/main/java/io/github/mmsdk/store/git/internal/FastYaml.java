package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A fast reader for the block-style YAML subset the store itself writes: mappings, sequences, plain
 * words, numbers, booleans, null and single-line quoted strings. Anything else (comments, flow
 * collections, multi-line scalars, anchors, tags, ambiguous plain words) makes it give up, and the
 * caller falls back to the full Jackson YAML parser; its result, when it has one, equals Jackson's
 * tree (checked by a property test).
 */
final class FastYaml {

  /** Gives up: the caller uses the full parser. */
  private static final class GiveUp extends RuntimeException {
    private static final long serialVersionUID = 1L;

    GiveUp() {
      super(null, null, false, false);
    }
  }

  private static final GiveUp GIVE_UP = new GiveUp();

  private final List<int[]> lines = new ArrayList<>(); // {start, end, indent}
  private final String text;
  private int pos;

  private FastYaml(String text) {
    this.text = text;
  }

  static Optional<JsonNode> read(byte[] bytes) {
    String text = new String(bytes, StandardCharsets.UTF_8);
    if (text.isBlank()) {
      return Optional.empty();
    }
    FastYaml y = new FastYaml(text);
    try {
      y.split();
      if (y.lines.isEmpty() || y.lines.get(0)[2] != 0) {
        return Optional.empty();
      }
      JsonNode root = y.node(0);
      return y.pos == y.lines.size() ? Optional.of(root) : Optional.empty();
    } catch (GiveUp | IndexOutOfBoundsException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  private void split() {
    int start = 0;
    int n = text.length();
    while (start < n) {
      int end = text.indexOf('\n', start);
      if (end < 0) {
        end = n;
      }
      int indent = 0;
      while (start + indent < end && text.charAt(start + indent) == ' ') {
        indent++;
      }
      int contentEnd = end;
      if (contentEnd > start && text.charAt(contentEnd - 1) == '\r') {
        throw GIVE_UP;
      }
      if (start + indent < contentEnd) {
        char c = text.charAt(start + indent);
        if (c == '#' || c == '\t' || (indent == 0 && text.startsWith("---", start))) {
          throw GIVE_UP;
        }
        if (text.charAt(contentEnd - 1) == ' ') {
          throw GIVE_UP;
        }
        lines.add(new int[] {start + indent, contentEnd, indent});
      } else if (indent > 0) {
        throw GIVE_UP; // whitespace-only line
      }
      start = end + 1;
    }
  }

  private String content(int line) {
    int[] l = lines.get(line);
    return text.substring(l[0], l[1]);
  }

  private static boolean isItem(String c) {
    return c.equals("-") || c.startsWith("- ");
  }

  private JsonNode node(int indent) {
    return isItem(content(pos)) ? sequence(indent) : mapping(indent);
  }

  private ObjectNode mapping(int indent) {
    ObjectNode o = Yaml.object();
    while (pos < lines.size() && lines.get(pos)[2] == indent && !isItem(content(pos))) {
      String c = content(pos);
      String[] kv = keyValue(c);
      if (kv == null || o.has(kv[0])) {
        throw GIVE_UP;
      }
      pos++;
      o.set(kv[0], kv[1].isEmpty() ? nested(indent) : scalar(kv[1]));
    }
    if (pos < lines.size() && lines.get(pos)[2] > indent) {
      throw GIVE_UP;
    }
    return o;
  }

  private JsonNode nested(int indent) {
    if (pos < lines.size()) {
      int next = lines.get(pos)[2];
      if (next > indent) {
        return node(next);
      }
      if (next == indent && isItem(content(pos))) {
        return sequence(indent);
      }
    }
    return Yaml.NODES.textNode("");
  }

  private ArrayNode sequence(int indent) {
    ArrayNode a = Yaml.NODES.arrayNode();
    while (pos < lines.size() && lines.get(pos)[2] == indent && isItem(content(pos))) {
      String c = content(pos);
      if (c.equals("-")) {
        throw GIVE_UP;
      }
      String rest = c.substring(2);
      if (rest.startsWith(" ")) {
        throw GIVE_UP;
      }
      if (keyValue(rest) != null) {
        int[] l = lines.get(pos);
        lines.set(pos, new int[] {l[0] + 2, l[1], indent + 2});
        a.add(mapping(indent + 2));
      } else {
        pos++;
        a.add(scalar(rest));
      }
    }
    return a;
  }

  /** {key, value-text} when the text is a mapping entry, else null. */
  private static String[] keyValue(String c) {
    String key;
    int after;
    if (c.startsWith("\"")) {
      int[] end = new int[1];
      key = quoted(c, 0, end);
      after = end[0];
    } else {
      int colon = c.indexOf(':');
      if (colon <= 0) {
        return null;
      }
      key = c.substring(0, colon);
      if (!YamlText.plainKey(key)) {
        return null;
      }
      after = colon;
    }
    if (after >= c.length() || c.charAt(after) != ':') {
      return null;
    }
    if (after + 1 == c.length()) {
      return new String[] {key, ""};
    }
    if (c.charAt(after + 1) != ' ' || after + 2 >= c.length()) {
      throw GIVE_UP;
    }
    return new String[] {key, c.substring(after + 2)};
  }

  private static JsonNode scalar(String s) {
    char c = s.charAt(0);
    if (c == '"') {
      int[] end = new int[1];
      String v = quoted(s, 0, end);
      if (end[0] != s.length()) {
        throw GIVE_UP;
      }
      return Yaml.NODES.textNode(v);
    }
    if (c == '\'') {
      StringBuilder sb = new StringBuilder();
      int i = 1;
      while (true) {
        if (i >= s.length()) {
          throw GIVE_UP;
        }
        char ch = s.charAt(i);
        if (ch == '\'') {
          if (i + 1 < s.length() && s.charAt(i + 1) == '\'') {
            sb.append('\'');
            i += 2;
            continue;
          }
          if (i + 1 != s.length()) {
            throw GIVE_UP;
          }
          return Yaml.NODES.textNode(sb.toString());
        }
        sb.append(ch);
        i++;
      }
    }
    if (s.equals("null") || s.equals("~")) {
      return Yaml.NODES.nullNode();
    }
    if (s.equals("true") || s.equals("false")) {
      return Yaml.NODES.booleanNode(s.equals("true"));
    }
    if (YamlText.integer(s)) {
      BigInteger b = new BigInteger(s);
      if (b.bitLength() < 32) {
        return Yaml.NODES.numberNode(b.intValue());
      }
      if (b.bitLength() < 64) {
        return Yaml.NODES.numberNode(b.longValue());
      }
      return Yaml.NODES.numberNode(b);
    }
    if (YamlText.decimal(s)) {
      return Yaml.NODES.numberNode(new BigDecimal(s));
    }
    if (YamlText.plain(s) && !reserved(s)) {
      return Yaml.NODES.textNode(s);
    }
    throw GIVE_UP;
  }

  private static boolean reserved(String s) {
    switch (s.toLowerCase(java.util.Locale.ROOT)) {
      case "y":
      case "n":
      case "yes":
      case "no":
      case "on":
      case "off":
      case "true":
      case "false":
      case "null":
      case "nan":
      case "inf":
        return true;
      default:
        return false;
    }
  }

  /** A double-quoted string starting at {@code from}; {@code end[0]} gets the index after it. */
  private static String quoted(String s, int from, int[] end) {
    StringBuilder sb = new StringBuilder();
    int i = from + 1;
    while (true) {
      if (i >= s.length()) {
        throw GIVE_UP;
      }
      char ch = s.charAt(i);
      if (ch == '"') {
        end[0] = i + 1;
        return sb.toString();
      }
      if (ch != '\\') {
        sb.append(ch);
        i++;
        continue;
      }
      if (i + 1 >= s.length()) {
        throw GIVE_UP;
      }
      char e = s.charAt(i + 1);
      i += 2;
      switch (e) {
        case '0':
          sb.append('\0');
          break;
        case 'a':
          sb.append('\u0007');
          break;
        case 'b':
          sb.append('\b');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'v':
          sb.append('\u000B');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 'e':
          sb.append('\u001B');
          break;
        case ' ':
          sb.append(' ');
          break;
        case '"':
          sb.append('"');
          break;
        case '/':
          sb.append('/');
          break;
        case '\\':
          sb.append('\\');
          break;
        case 'N':
          sb.append('\u0085');
          break;
        case '_':
          sb.append('\u00A0');
          break;
        case 'L':
          sb.append('\u2028');
          break;
        case 'P':
          sb.append('\u2029');
          break;
        case 'x':
          sb.append((char) Integer.parseInt(s.substring(i, i + 2), 16));
          i += 2;
          break;
        case 'u':
          sb.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
          i += 4;
          break;
        case 'U':
          sb.appendCodePoint(Integer.parseInt(s.substring(i, i + 8), 16));
          i += 8;
          break;
        default:
          throw GIVE_UP;
      }
    }
  }
}
