package io.github.mmsdk.backtest.report;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.util.Optional;
import java.util.OptionalDouble;
import org.immutables.value.Value;

/**
 * One row of the report's KPI table: a name, its value, the goal in words and whether it was met.
 *
 * <pre>{@code
 * KpiRow row = new KpiRow.Builder()
 *     .name("Early action window").value(62.5).unit("%")
 *     .goal("≥ 70 % of breakouts warned 2 h ahead").met(false)
 *     .note("16 breakouts in sample")
 *     .build();
 * }</pre>
 */
@Value.Immutable
@BacktestValue
public abstract class KpiRow {

  KpiRow() {}

  /** {@return the KPI's name} */
  public abstract String name();

  /** {@return its value, empty when it could not be computed} */
  public abstract OptionalDouble value();

  /** {@return the unit written after the value, e.g. {@code %} or {@code h}; empty by default} */
  @Value.Default
  public String unit() {
    return "";
  }

  /** {@return how many decimals the value is written with: 2 by default} */
  @Value.Default
  public int decimals() {
    return 2;
  }

  /** {@return the goal in words, e.g. {@code ≥ 70 %}; empty by default} */
  @Value.Default
  public String goal() {
    return "";
  }

  /** {@return whether the goal was met; empty when there is no goal or no verdict} */
  public abstract Optional<Boolean> met();

  /** {@return a note for the reader; empty by default} */
  @Value.Default
  public String note() {
    return "";
  }

  @Value.Check
  void check() {
    if (name().isBlank()) {
      throw new InvalidConfigurationException("report.kpis.name", "must not be blank");
    }
    if (value().isPresent() && !Double.isFinite(value().getAsDouble())) {
      throw new InvalidConfigurationException(
          "report.kpis." + name() + ".value", "must be finite, was " + value().getAsDouble());
    }
    if (decimals() < 0 || decimals() > 10) {
      throw new InvalidConfigurationException(
          "report.kpis." + name() + ".decimals", "must be in [0, 10], was " + decimals());
    }
  }

  /** Builds a {@link KpiRow}; the name is required. */
  public static final class Builder extends ImmutableKpiRow.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
