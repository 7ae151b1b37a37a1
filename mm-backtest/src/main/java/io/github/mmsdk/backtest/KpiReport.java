package io.github.mmsdk.backtest;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.immutables.value.Value;

/**
 * Every KPI of one pair over a period {@code [periodStart, periodEnd)}: the regime side and the
 * exit side.
 */
@Value.Immutable
@BacktestValue
public abstract class KpiReport {

  KpiReport() {}

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the start of the period, inclusive} */
  public abstract Instant periodStart();

  /** {@return the end of the period, exclusive} */
  public abstract Instant periodEnd();

  /** {@return the regime-side KPIs (EAW, TTDR)} */
  public abstract RegimeKpis regime();

  /** {@return the exit-side KPIs (SLAR, PRR, FER, ERT, MEC, EAW of exits, RRR)} */
  public abstract ExitKpis exit();

  /**
   * The figures by name, in a fixed order: the regime side ({@code breakouts}, {@code
   * breakouts_warned}, {@code eaw_rate}, …) then {@link ExitKpis#figures()}.
   *
   * @return name to value
   */
  public Map<String, Double> figures() {
    Map<String, Double> m = new LinkedHashMap<>();
    RegimeKpis r = regime();
    m.put("breakouts", (double) r.breakouts());
    m.put("breakouts_warned", (double) r.warnedTwoHoursAhead());
    if (r.breakouts() > 0) {
      m.put("eaw_rate", r.warningRate());
      m.put("ttdr_rate", r.detectionRate());
    }
    r.medianWarningWindow().ifPresent(d -> m.put("eaw_median_h", ExitKpis.hours(d)));
    m.put("breakouts_detected", (double) r.detected());
    r.medianTimeToDetect().ifPresent(d -> m.put("ttdr_median_h", ExitKpis.hours(d)));
    m.putAll(exit().figures());
    return m;
  }

  /** Builds a {@link KpiReport}. */
  public static final class Builder extends ImmutableKpiReport.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
