package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A fluent writer over a wire object node; empty optionals and empty collections are omitted. */
final class Out {
  final ObjectNode node;

  Out() {
    this.node = Yaml.object();
  }

  Out str(String k, String v) {
    node.put(k, v);
    return this;
  }

  Out str(String k, Optional<String> v) {
    v.ifPresent(s -> node.put(k, s));
    return this;
  }

  Out integer(String k, int v) {
    node.put(k, v);
    return this;
  }

  Out bool(String k, boolean v) {
    node.put(k, v);
    return this;
  }

  Out instant(String k, Instant v) {
    node.put(k, v.toString());
    return this;
  }

  Out instant(String k, Optional<Instant> v) {
    v.ifPresent(i -> node.put(k, i.toString()));
    return this;
  }

  Out dec(String k, BigDecimal v) {
    node.put(k, v);
    return this;
  }

  Out dec(String k, Optional<BigDecimal> v) {
    v.ifPresent(d -> node.put(k, d));
    return this;
  }

  Out dbl(String k, double v) {
    node.set(k, num(v));
    return this;
  }

  Out dbl(String k, Optional<Double> v) {
    v.ifPresent(d -> node.set(k, num(d)));
    return this;
  }

  static JsonNode num(double v) {
    if (Double.isNaN(v)) {
      return Yaml.NODES.textNode("NaN");
    }
    if (Double.isInfinite(v)) {
      return Yaml.NODES.textNode(v > 0 ? "Infinity" : "-Infinity");
    }
    return Yaml.NODES.numberNode(v);
  }

  Out enumValue(String k, Enum<?> v) {
    node.put(k, v.name());
    return this;
  }

  Out node(String k, JsonNode v) {
    node.set(k, v);
    return this;
  }

  <T> Out node(String k, Optional<T> v, Function<T, JsonNode> f) {
    v.ifPresent(x -> node.set(k, f.apply(x)));
    return this;
  }

  <T> Out list(String k, Collection<T> items, Function<T, JsonNode> f) {
    if (!items.isEmpty()) {
      ArrayNode a = node.putArray(k);
      for (T t : items) {
        a.add(f.apply(t));
      }
    }
    return this;
  }

  Out strings(String k, Collection<String> items) {
    return list(k, items, Yaml.NODES::textNode);
  }

  Out doubles(String k, Map<String, Double> m) {
    if (!m.isEmpty()) {
      ObjectNode o = node.putObject(k);
      m.forEach((key, v) -> o.set(key, num(v)));
    }
    return this;
  }

  Out texts(String k, Map<String, String> m) {
    if (!m.isEmpty()) {
      ObjectNode o = node.putObject(k);
      m.forEach(o::put);
    }
    return this;
  }
}
