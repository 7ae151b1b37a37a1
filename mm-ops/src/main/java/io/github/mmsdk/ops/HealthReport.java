package io.github.mmsdk.ops;

import io.github.mmsdk.api.decision.ControlRecord;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.health.HealthStatus;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An aggregated health tree rendered for a cron job, a container probe or a person.
 *
 * <p>The {@linkplain #status() status} is the worst status anywhere in the tree (a root that claims
 * {@code UP} over a {@code DOWN} part is {@code DOWN}). The documented process exit codes: {@code
 * 0} UP, {@code 1} DEGRADED, {@code 2} DOWN ({@link #exitCode(HealthStatus)}).
 *
 * <pre>{@code
 * HealthReport report = HealthReport.of(marketMaker.health(), clock.instant());
 * System.out.println(json ? report.toJson() : report.toText());
 * System.exit(report.exitCode());
 * }</pre>
 *
 * <p>JSON shape (hand-written, no library): {@code {"status":"DEGRADED","exit_code":1,
 * "checked_at":"2026-11-23T10:00:00Z","health":{"component":"market-maker","status":"DEGRADED",
 * "details":{},"components":[{"component":"exchange:kucoin","status":"DEGRADED",
 * "details":{"circuit":"OPEN"},"last_success":"…","components":[]}]}}}; {@code last_success} is
 * present only when known.
 *
 * <p>An operator halt ({@link #of(Health, Instant, Optional)}) is shown, not graded: the text gets
 * a {@code trading HALTED …} line and the JSON a {@code "halt":{"since":…,"actor":…,"reason":…}}
 * member after {@code checked_at}, while the status and exit code stay those of the adapters (a
 * deliberately halted service is not unwell, and a container probe must not restart it).
 */
public final class HealthReport {

  private final Health health;
  private final Instant checkedAt;
  private final HealthStatus status;
  private final Optional<ControlRecord> halt;

  private HealthReport(Health health, Instant checkedAt, Optional<ControlRecord> halt) {
    this.health = Objects.requireNonNull(health, "health");
    this.checkedAt = Objects.requireNonNull(checkedAt, "checkedAt");
    this.halt = halt.filter(r -> r.kind() == ControlRecord.Kind.HALT);
    this.status = worst(health);
  }

  /**
   * A report of a health tree.
   *
   * @param health the tree, e.g. {@code MarketMaker.health()}
   * @param checkedAt when it was taken
   * @return the report
   */
  public static HealthReport of(Health health, Instant checkedAt) {
    return new HealthReport(health, checkedAt, Optional.empty());
  }

  /**
   * A report of a health tree and the operator halt in force.
   *
   * @param health the tree, e.g. {@code MarketMaker.health()}
   * @param checkedAt when it was taken
   * @param halt the halt in force, e.g. {@code MarketMaker.haltState()}; empty when trading runs
   * @return the report
   */
  public static HealthReport of(Health health, Instant checkedAt, Optional<ControlRecord> halt) {
    return new HealthReport(health, checkedAt, Objects.requireNonNull(halt, "halt"));
  }

  /**
   * The process exit code of a status.
   *
   * @param status the status
   * @return 0 for UP, 1 for DEGRADED, 2 for DOWN
   */
  public static int exitCode(HealthStatus status) {
    switch (status) {
      case UP:
        return 0;
      case DEGRADED:
        return 1;
      default:
        return 2;
    }
  }

  /** {@return the health tree} */
  public Health health() {
    return health;
  }

  /** {@return when the health was taken} */
  public Instant checkedAt() {
    return checkedAt;
  }

  /** {@return the operator halt in force, empty when trading runs} */
  public Optional<ControlRecord> halt() {
    return halt;
  }

  /** {@return the worst status in the tree} */
  public HealthStatus status() {
    return status;
  }

  /** {@return the process exit code: 0 UP, 1 DEGRADED, 2 DOWN} */
  public int exitCode() {
    return exitCode(status);
  }

  /**
   * Renders the tree as indented plain text, one component a line with its details.
   *
   * @return the text, ending with a newline
   */
  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("health ")
        .append(status)
        .append(" (exit code ")
        .append(exitCode())
        .append(") checked at ")
        .append(checkedAt)
        .append('\n');
    halt.ifPresent(
        h ->
            sb.append("  trading HALTED since ")
                .append(h.at())
                .append(" by ")
                .append(h.actor())
                .append(h.reason().isBlank() ? "" : ": " + h.reason())
                .append(" (no grid setups until resumed; exits still flow)\n"));
    text(health, 1, sb);
    return sb.toString();
  }

  private static void text(Health h, int depth, StringBuilder sb) {
    sb.append("  ".repeat(depth)).append(h.component()).append(' ').append(h.status());
    for (Map.Entry<String, String> e : h.details().entrySet()) {
      sb.append(' ').append(e.getKey()).append('=').append(e.getValue());
    }
    h.lastSuccess().ifPresent(t -> sb.append(" last_success=").append(t));
    sb.append('\n');
    for (Health part : h.components()) {
      text(part, depth + 1, sb);
    }
  }

  /**
   * Renders the report as one line of JSON (shape in the class comment).
   *
   * @return the JSON text
   */
  public String toJson() {
    StringBuilder sb = new StringBuilder();
    sb.append("{\"status\":");
    string(status.name(), sb);
    sb.append(",\"exit_code\":").append(exitCode()).append(",\"checked_at\":");
    string(checkedAt.toString(), sb);
    if (halt.isPresent()) {
      sb.append(",\"halt\":{\"since\":");
      string(halt.get().at().toString(), sb);
      sb.append(",\"actor\":");
      string(halt.get().actor(), sb);
      sb.append(",\"reason\":");
      string(halt.get().reason(), sb);
      sb.append('}');
    }
    sb.append(",\"health\":");
    json(health, sb);
    return sb.append('}').toString();
  }

  private static void json(Health h, StringBuilder sb) {
    sb.append("{\"component\":");
    string(h.component(), sb);
    sb.append(",\"status\":");
    string(h.status().name(), sb);
    sb.append(",\"details\":{");
    boolean first = true;
    for (Map.Entry<String, String> e : h.details().entrySet()) {
      if (!first) {
        sb.append(',');
      }
      first = false;
      string(e.getKey(), sb);
      sb.append(':');
      string(e.getValue(), sb);
    }
    sb.append('}');
    if (h.lastSuccess().isPresent()) {
      sb.append(",\"last_success\":");
      string(h.lastSuccess().get().toString(), sb);
    }
    sb.append(",\"components\":[");
    for (int i = 0; i < h.components().size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      json(h.components().get(i), sb);
    }
    sb.append("]}");
  }

  /** Appends a JSON string literal (RFC 8259 escaping). */
  static void string(String s, StringBuilder sb) {
    sb.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        default:
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
      }
    }
    sb.append('"');
  }

  private static HealthStatus worst(Health h) {
    HealthStatus s = h.status();
    for (Health part : h.components()) {
      s = s.worst(worst(part));
    }
    return s;
  }

  @Override
  public String toString() {
    return "HealthReport[" + status + ", " + checkedAt + (halt.isPresent() ? ", halted" : "") + "]";
  }
}
