package io.github.mmsdk.store.git.internal;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.Timeframe;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Optional;

/**
 * Paths of the store layout (ARCHITECTURE.md section 4). Metrics snapshots sit in one folder per
 * day so that a commit rewrites a small tree object, not a year-long one.
 */
public final class StoreLayout {
  /** The metrics folder. */
  public static final String METRICS = "metrics";

  /** The decisions folder. */
  public static final String DECISIONS = "decisions";

  /** The exit-state folder. */
  public static final String EXIT_STATES = "exit_states";

  /** The raw candle folder. */
  public static final String RAW = "raw_data";

  /** The grid configuration folder. */
  public static final String GRIDS = "config/grids";

  /** The configuration folder. */
  public static final String CONFIG = "config";

  /** The dead-letter folder. */
  public static final String DEAD_LETTERS = "dead_letters";

  /** The control-record folder: halts, resumes, grid command states, reconciliation findings. */
  public static final String CONTROL = "control";

  /** The KPI folder. */
  public static final String KPIS = "kpis";

  private static final DateTimeFormatter HHMM =
      DateTimeFormatter.ofPattern("HHmm").withZone(ZoneOffset.UTC);

  private StoreLayout() {}

  /**
   * {@return the UTC date of an instant}
   *
   * @param t the instant
   */
  public static LocalDate date(Instant t) {
    return LocalDate.ofInstant(t, ZoneOffset.UTC);
  }

  /**
   * {@return the snapshot path}
   *
   * @param s the pair
   * @param t the observation time
   */
  public static String metrics(Symbol s, Instant t) {
    LocalDate d = date(t);
    return METRICS + "/" + s + "/" + d + "/" + d + "-" + HHMM.format(t) + ".yaml";
  }

  /**
   * {@return the decision path}
   *
   * @param id the decision id
   * @param t the observation time
   */
  public static String decision(String id, Instant t) {
    return DECISIONS + "/" + date(t) + "/" + safe(id) + ".yaml";
  }

  /**
   * {@return the exit-state path}
   *
   * @param s the pair
   * @param d the day
   */
  public static String exitStates(Symbol s, LocalDate d) {
    return EXIT_STATES + "/" + s + "/" + d + ".yaml";
  }

  /**
   * {@return the raw candle path}
   *
   * @param s the pair
   * @param tf the timeframe
   * @param d the day
   */
  public static String raw(Symbol s, Timeframe tf, LocalDate d) {
    return RAW + "/" + s + "/" + tf.label() + "/" + d + ".json";
  }

  /**
   * {@return the grid path}
   *
   * @param id the grid id
   */
  public static String grid(String id) {
    return GRIDS + "/" + safe(id) + ".yaml";
  }

  /**
   * {@return the dead-letter path}
   *
   * @param d the day
   * @param id the notification id
   */
  public static String deadLetter(LocalDate d, String id) {
    return DEAD_LETTERS + "/" + d + "/" + safe(id) + ".yaml";
  }

  /**
   * {@return the KPI path}
   *
   * @param d the day
   */
  public static String control(LocalDate d) {
    return CONTROL + "/" + d + ".yaml";
  }

  /**
   * {@return the KPI path}
   *
   * @param d the day
   */
  public static String kpis(LocalDate d) {
    return KPIS + "/" + d + ".yaml";
  }

  /**
   * A file-name-safe form of an id: characters other than letters, digits, dot, dash and underscore
   * become underscores.
   *
   * @param id the id
   * @return the safe name
   */
  public static String safe(String id) {
    StringBuilder sb = new StringBuilder(id.length());
    for (int i = 0; i < id.length(); i++) {
      char c = id.charAt(i);
      boolean ok =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || c == '-'
              || c == '_'
              || (c == '.' && i > 0);
      sb.append(ok ? c : '_');
    }
    return sb.length() == 0 ? "_" : sb.toString();
  }

  /**
   * The schema of a stored path, by its folder.
   *
   * @param path the path
   * @return the schema, empty for files outside the layout (e.g. {@code config/rules.yaml})
   */
  public static Optional<WireSchema> schemaOf(String path) {
    if (path.startsWith(METRICS + "/")) {
      return Optional.of(WireSchema.METRICS);
    } else if (path.startsWith(DECISIONS + "/")) {
      return Optional.of(WireSchema.DECISION);
    } else if (path.startsWith(EXIT_STATES + "/")) {
      return Optional.of(WireSchema.EXIT_STATE);
    } else if (path.startsWith(GRIDS + "/")) {
      return Optional.of(WireSchema.GRID);
    } else if (path.startsWith(DEAD_LETTERS + "/")) {
      return Optional.of(WireSchema.DEAD_LETTER);
    } else if (path.startsWith(RAW + "/")) {
      return Optional.of(WireSchema.RAW);
    } else if (path.startsWith(KPIS + "/")) {
      return Optional.of(WireSchema.KPI);
    }
    return Optional.empty();
  }

  /**
   * The first {@code YYYY-MM-DD} in a path, if any.
   *
   * @param path the path
   * @return the date
   */
  public static Optional<LocalDate> dateIn(String path) {
    for (int i = 0; i + 10 <= path.length(); i++) {
      if (Character.isDigit(path.charAt(i))
          && path.charAt(i + 4) == '-'
          && path.charAt(i + 7) == '-') {
        try {
          return Optional.of(LocalDate.parse(path.substring(i, i + 10)));
        } catch (RuntimeException e) {
          // not a date here; keep looking
        }
      }
    }
    return Optional.empty();
  }
}
