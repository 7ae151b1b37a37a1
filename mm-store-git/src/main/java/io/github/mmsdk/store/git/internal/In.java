package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A path-aware view of a wire tree node for reading; every failure names the dotted path. */
final class In {
  final JsonNode node;
  final String path;

  In(JsonNode node, String path) {
    this.node = node;
    this.path = path;
  }

  private String sub(String field) {
    return path.isEmpty() ? field : path + "." + field;
  }

  boolean has(String field) {
    JsonNode n = node.get(field);
    return n != null && !n.isNull() && !n.isMissingNode();
  }

  In req(String field) {
    if (!has(field)) {
      throw new WireException(sub(field), "missing");
    }
    return new In(node.get(field), sub(field));
  }

  Optional<In> opt(String field) {
    return has(field) ? Optional.of(new In(node.get(field), sub(field))) : Optional.empty();
  }

  String str(String field) {
    return req(field).asText();
  }

  String str(String field, String dflt) {
    return has(field) ? req(field).asText() : dflt;
  }

  Optional<String> optStr(String field) {
    return opt(field).map(In::asText);
  }

  String asText() {
    if (!node.isValueNode()) {
      throw new WireException(path, "expected a scalar");
    }
    return node.asText();
  }

  Instant instant(String field) {
    return req(field).asInstant();
  }

  Optional<Instant> optInstant(String field) {
    return opt(field).map(In::asInstant);
  }

  Instant asInstant() {
    try {
      return Instants.parse(asText());
    } catch (DateTimeParseException e) {
      throw new WireException(path, "not an ISO-8601 instant: " + node.asText());
    }
  }

  BigDecimal dec(String field) {
    return req(field).asDecimal();
  }

  Optional<BigDecimal> optDec(String field) {
    return opt(field).map(In::asDecimal);
  }

  BigDecimal asDecimal() {
    try {
      return node.isNumber() ? node.decimalValue() : new BigDecimal(asText().trim());
    } catch (NumberFormatException e) {
      throw new WireException(path, "not a number: " + node.asText());
    }
  }

  double dbl(String field) {
    return req(field).asDouble();
  }

  Optional<Double> optDbl(String field) {
    return opt(field).map(In::asDouble);
  }

  double asDouble() {
    if (node.isNumber()) {
      return node.doubleValue();
    }
    String t = asText().trim();
    switch (t) {
      case ".inf":
      case "+.inf":
      case "Infinity":
        return Double.POSITIVE_INFINITY;
      case "-.inf":
      case "-Infinity":
        return Double.NEGATIVE_INFINITY;
      case ".nan":
      case "NaN":
        return Double.NaN;
      default:
        try {
          return Double.parseDouble(t);
        } catch (NumberFormatException e) {
          throw new WireException(path, "not a number: " + t);
        }
    }
  }

  int integer(String field) {
    In v = req(field);
    if (v.node.isIntegralNumber()) {
      return v.node.intValue();
    }
    try {
      return Integer.parseInt(v.asText().trim());
    } catch (NumberFormatException e) {
      throw new WireException(v.path, "not an integer: " + v.node.asText());
    }
  }

  int integer(String field, int dflt) {
    return has(field) ? integer(field) : dflt;
  }

  boolean bool(String field, boolean dflt) {
    if (!has(field)) {
      return dflt;
    }
    In v = req(field);
    if (v.node.isBoolean()) {
      return v.node.booleanValue();
    }
    String t = v.asText().trim();
    if (t.equalsIgnoreCase("true")) {
      return true;
    }
    if (t.equalsIgnoreCase("false")) {
      return false;
    }
    throw new WireException(v.path, "not a boolean: " + t);
  }

  <E extends Enum<E>> E enumValue(String field, Class<E> type) {
    return req(field).asEnum(type);
  }

  <E extends Enum<E>> E asEnum(Class<E> type) {
    String t = asText().trim();
    try {
      return Enum.valueOf(type, t.toUpperCase(java.util.Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new WireException(path, "'" + t + "' is not a " + type.getSimpleName());
    }
  }

  List<In> list(String field) {
    if (!has(field)) {
      return Collections.emptyList();
    }
    In v = req(field);
    if (v.node.isTextual() && v.node.asText().isEmpty()) {
      return Collections.emptyList(); // "key:" with no entries yet
    }
    if (!v.node.isArray()) {
      throw new WireException(v.path, "expected a list");
    }
    List<In> out = new ArrayList<>(v.node.size());
    for (int i = 0; i < v.node.size(); i++) {
      out.add(new In(v.node.get(i), v.path + "[" + i + "]"));
    }
    return out;
  }

  <T> List<T> list(String field, Function<In, T> f) {
    List<In> items = list(field);
    List<T> out = new ArrayList<>(items.size());
    for (In i : items) {
      out.add(f.apply(i));
    }
    return out;
  }

  List<String> strings(String field) {
    return list(field, In::asText);
  }

  /** The entries of a mapping field, in file order. */
  Map<String, In> map(String field) {
    if (!has(field)) {
      return Collections.emptyMap();
    }
    In v = req(field);
    if (!v.node.isObject()) {
      throw new WireException(v.path, "expected a mapping");
    }
    Map<String, In> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : v.node.properties()) {
      out.put(e.getKey(), new In(e.getValue(), v.path + "." + e.getKey()));
    }
    return out;
  }
}
