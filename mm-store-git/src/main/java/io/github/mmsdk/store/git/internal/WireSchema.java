package io.github.mmsdk.store.git.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The current {@code schema_version} of every wire document and the lazy migrations from older
 * ones. Migrations run on an in-memory copy when a file is read; stored files are never rewritten.
 */
public enum WireSchema {
  /** {@code metrics/...yaml}. */
  METRICS(1),
  /**
   * {@code decisions/...yaml}. Version 1 called the configuration commit {@code config_commit},
   * kept the record metadata's version as {@code metadata.schema_version} and an evaluation's USD
   * figure as {@code impact_usd}.
   */
  DECISION(2),
  /** {@code exit_states/...yaml}. */
  EXIT_STATE(1),
  /** {@code config/grids/...yaml}. */
  GRID(1),
  /** {@code dead_letters/...yaml}. */
  DEAD_LETTER(1),
  /** {@code raw_data/...json}. */
  RAW(1),
  /** {@code kpis/...yaml}. */
  KPI(1),
  /** {@code control/...yaml}. */
  CONTROL(1);

  private final int current;

  WireSchema(int current) {
    this.current = current;
  }

  /** {@return the version this SDK writes} */
  public int current() {
    return current;
  }

  /**
   * Brings a document up to the current version, in memory.
   *
   * @param root the document as read
   * @return the current-version tree (a copy when migrated, the input otherwise)
   * @throws WireException when the version is missing, unknown or newer than this SDK
   */
  public JsonNode migrate(JsonNode root) {
    if (!root.isObject()) {
      throw new WireException("", "expected a mapping at the top level");
    }
    JsonNode v = root.get("schema_version");
    if (v == null || !v.canConvertToInt() || v.asInt() < 1) {
      throw new WireException("schema_version", "missing or not a positive integer");
    }
    int version = v.asInt();
    if (version > current) {
      throw new WireException(
          "schema_version", "version " + version + " is newer than this SDK's " + current);
    }
    if (version == current) {
      return root;
    }
    ObjectNode doc = ((ObjectNode) root).deepCopy();
    for (int from = version; from < current; from++) {
      step(from, doc);
    }
    doc.put("schema_version", current);
    return doc;
  }

  private void step(int from, ObjectNode doc) {
    if (this == DECISION && from == 1) {
      rename(doc, "config_commit", "config_version");
      JsonNode meta = doc.get("metadata");
      if (meta instanceof ObjectNode) {
        rename((ObjectNode) meta, "schema_version", "record_schema_version");
      }
      JsonNode appended = doc.get("appended");
      if (appended != null && appended.isArray()) {
        for (JsonNode e : appended) {
          JsonNode ev = e.get("evaluation");
          if (ev instanceof ObjectNode) {
            rename((ObjectNode) ev, "impact_usd", "economic_impact_usd");
          }
        }
      }
    }
  }

  private static void rename(ObjectNode o, String from, String to) {
    if (o.has(from) && !o.has(to)) {
      o.set(to, o.get(from));
      o.remove(from);
    }
  }
}
