package io.github.mmsdk.store.git;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.store.git.internal.Yaml;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The rule sections of {@code config/rules.yaml} ({@code exit_rules}, {@code notifications}, {@code
 * gates}, {@code regime}) as a typed tree: values are read by dotted path, e.g. {@code
 * rules.doubleValue("exit_rules.warning.adx_threshold")}. Placeholders and environment overrides
 * are already applied. A wrong or missing value fails with {@link InvalidConfigurationException}
 * naming the file, the key and the line. Engines bind the sections to their own config values.
 */
public final class RulesDocument {
  private final JsonNode root;
  private final String prefix;
  private final String source;
  private final Map<String, Integer> lines;

  RulesDocument(JsonNode root, String prefix, String source, Map<String, Integer> lines) {
    this.root = root;
    this.prefix = prefix;
    this.source = source;
    this.lines = lines;
  }

  /** {@return an empty document} */
  public static RulesDocument empty() {
    return new RulesDocument(Yaml.object(), "", "config/rules.yaml", Map.of());
  }

  /** {@return the path of this section in the file, empty for the root} */
  public String prefix() {
    return prefix;
  }

  /** {@return the file the document was read from} */
  public String source() {
    return source;
  }

  /** {@return the keys of this section, in file order} */
  public List<String> keys() {
    List<String> out = new ArrayList<>();
    root.fieldNames().forEachRemaining(out::add);
    return out;
  }

  /**
   * Whether a path holds a value.
   *
   * @param path dotted path relative to this section
   * @return whether it exists and is not null
   */
  public boolean has(String path) {
    JsonNode n = node(path);
    return !n.isMissingNode() && !n.isNull();
  }

  /**
   * A nested section.
   *
   * @param path dotted path
   * @return the section
   * @throws InvalidConfigurationException when missing or not a mapping
   */
  public RulesDocument section(String path) {
    JsonNode n = require(path);
    if (!n.isObject()) {
      throw error(path, "must be a mapping");
    }
    return new RulesDocument(n, full(path), source, lines);
  }

  /**
   * A text value.
   *
   * @param path dotted path
   * @return the value
   */
  public String string(String path) {
    JsonNode n = require(path);
    if (!n.isValueNode()) {
      throw error(path, "must be a value");
    }
    return n.asText();
  }

  /**
   * A text value with a default.
   *
   * @param path dotted path
   * @param dflt the default when absent
   * @return the value
   */
  public String string(String path, String dflt) {
    return has(path) ? string(path) : dflt;
  }

  /**
   * A number.
   *
   * @param path dotted path
   * @return the value
   */
  public double doubleValue(String path) {
    JsonNode n = require(path);
    if (n.isNumber()) {
      return n.doubleValue();
    }
    try {
      return Double.parseDouble(string(path).trim());
    } catch (NumberFormatException e) {
      throw error(path, "must be a number, was '" + n.asText() + "'");
    }
  }

  /**
   * A number with a default.
   *
   * @param path dotted path
   * @param dflt the default when absent
   * @return the value
   */
  public double doubleValue(String path, double dflt) {
    return has(path) ? doubleValue(path) : dflt;
  }

  /**
   * A decimal (money, prices).
   *
   * @param path dotted path
   * @return the value
   */
  public BigDecimal decimal(String path) {
    JsonNode n = require(path);
    try {
      return n.isNumber() ? n.decimalValue() : new BigDecimal(string(path).trim());
    } catch (NumberFormatException e) {
      throw error(path, "must be a decimal number, was '" + n.asText() + "'");
    }
  }

  /**
   * An integer.
   *
   * @param path dotted path
   * @return the value
   */
  public int integer(String path) {
    JsonNode n = require(path);
    if (n.isIntegralNumber() && n.canConvertToInt()) {
      return n.intValue();
    }
    try {
      return Integer.parseInt(string(path).trim());
    } catch (NumberFormatException e) {
      throw error(path, "must be an integer, was '" + n.asText() + "'");
    }
  }

  /**
   * An integer with a default.
   *
   * @param path dotted path
   * @param dflt the default when absent
   * @return the value
   */
  public int integer(String path, int dflt) {
    return has(path) ? integer(path) : dflt;
  }

  /**
   * A boolean ({@code true}/{@code false}).
   *
   * @param path dotted path
   * @return the value
   */
  public boolean bool(String path) {
    JsonNode n = require(path);
    if (n.isBoolean()) {
      return n.booleanValue();
    }
    String t = string(path).trim().toLowerCase(Locale.ROOT);
    if (t.equals("true") || t.equals("false")) {
      return Boolean.parseBoolean(t);
    }
    throw error(path, "must be true or false, was '" + n.asText() + "'");
  }

  /**
   * A boolean with a default.
   *
   * @param path dotted path
   * @param dflt the default when absent
   * @return the value
   */
  public boolean bool(String path, boolean dflt) {
    return has(path) ? bool(path) : dflt;
  }

  /**
   * A duration: {@code 90s}, {@code 30m}, {@code 4h}, {@code 7d} or ISO-8601 ({@code PT4H}).
   *
   * @param path dotted path
   * @return the value
   */
  public Duration duration(String path) {
    String t = string(path).trim();
    try {
      if (t.length() > 1 && Character.isDigit(t.charAt(0))) {
        long n = Long.parseLong(t.substring(0, t.length() - 1));
        switch (Character.toLowerCase(t.charAt(t.length() - 1))) {
          case 's':
            return Duration.ofSeconds(n);
          case 'm':
            return Duration.ofMinutes(n);
          case 'h':
            return Duration.ofHours(n);
          case 'd':
            return Duration.ofDays(n);
          default:
            break;
        }
      }
      return Duration.parse(t);
    } catch (NumberFormatException | DateTimeParseException e) {
      throw error(path, "must be a duration like 30m, 4h, 7d or PT4H, was '" + t + "'");
    }
  }

  /**
   * A duration with a default.
   *
   * @param path dotted path
   * @param dflt the default when absent
   * @return the value
   */
  public Duration duration(String path, Duration dflt) {
    return has(path) ? duration(path) : dflt;
  }

  /**
   * A list of text values.
   *
   * @param path dotted path
   * @return the values, empty when absent
   */
  public List<String> strings(String path) {
    if (!has(path)) {
      return List.of();
    }
    JsonNode n = node(path);
    if (!n.isArray()) {
      throw error(path, "must be a list");
    }
    List<String> out = new ArrayList<>();
    n.forEach(e -> out.add(e.asText()));
    return out;
  }

  private JsonNode node(String path) {
    JsonNode n = root;
    for (String part : path.split("\\.")) {
      if (part.isEmpty()) {
        continue;
      }
      n = n.path(part);
    }
    return n;
  }

  private JsonNode require(String path) {
    JsonNode n = node(path);
    if (n.isMissingNode() || n.isNull()) {
      throw error(path, "is required");
    }
    return n;
  }

  private String full(String path) {
    return prefix.isEmpty() ? path : prefix + "." + path;
  }

  private InvalidConfigurationException error(String path, String problem) {
    String key = full(path);
    String p = key;
    Integer line = null;
    while (line == null && !p.isEmpty()) {
      line = lines.get(p);
      int cut = p.lastIndexOf('.');
      p = cut < 0 ? "" : p.substring(0, cut);
    }
    return new InvalidConfigurationException(key, problem, source, line == null ? 0 : line, null);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof RulesDocument
        && ((RulesDocument) o).root.equals(root)
        && ((RulesDocument) o).prefix.equals(prefix);
  }

  @Override
  public int hashCode() {
    return Objects.hash(root, prefix);
  }

  @Override
  public String toString() {
    return "RulesDocument{" + source + (prefix.isEmpty() ? "" : " " + prefix) + ": " + keys() + "}";
  }
}
