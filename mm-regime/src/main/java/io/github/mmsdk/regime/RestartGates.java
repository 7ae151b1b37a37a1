package io.github.mmsdk.regime;

import io.github.mmsdk.api.regime.GateEvaluation;
import io.github.mmsdk.api.regime.GateResult;
import io.github.mmsdk.api.regime.MetricId;
import io.github.mmsdk.api.regime.RestartGate;
import io.github.mmsdk.regime.internal.Fmt;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The three sequential gates a stopped grid passes before a restart (seed 001 Req 17), on the 1h
 * metrics. A gate is evaluated only when the one before passed; later gates are {@code
 * NOT_EVALUATED}. A metric a gate needs but that is unavailable fails the gate (conservative).
 *
 * <ol>
 *   <li><b>Directional energy decay:</b> {@code ADX < gateAdxMax} (25) and {@code |normalized
 *       slope| < gateSlopeMax} (0.10 ATR per bar): the move that stopped the grid has run out of
 *       force.
 *   <li><b>Mean reversion return:</b> {@code autocorrelation ≤ gateAutocorrelationMax} (0) and
 *       {@code OU half-life ≤ gateHalfLifeMax} (48 bars): price pulls back to a mean again.
 *   <li><b>Tradable volatility:</b> {@code gateAtrPercentMin ≤ 100·ATR/close ≤ gateAtrPercentMax}
 *       (0.3 %–2.5 %) and {@code Bollinger bandwidth ≤ gateBandwidthMax} (0.12): wide enough to pay
 *       the fees of a grid, narrow enough to stay inside one.
 * </ol>
 *
 * <p>Each result carries the measured values and their thresholds under the same snake-case names.
 * Immutable and thread-safe.
 */
public final class RestartGates {

  /** The result of a gate after a failed one: the same immutable value every time. */
  private static final GateResult SKIPPED_2 = notEvaluated(RestartGate.MEAN_REVERSION_RETURN);

  private static final GateResult SKIPPED_3 = notEvaluated(RestartGate.TRADABLE_VOLATILITY);

  private final RegimeConfig config;

  /**
   * Creates the gates.
   *
   * @param config the thresholds
   */
  public RestartGates(RegimeConfig config) {
    this.config = Objects.requireNonNull(config, "config");
  }

  /**
   * Evaluates the gates in order.
   *
   * @param metrics the available 1h metric values (as in {@code RegimeState.metrics()})
   * @param atrPercent the 1h ATR as a percentage of the last close, when available
   * @return the three results in order
   */
  public GateEvaluation evaluate(Map<MetricId, Double> metrics, OptionalDouble atrPercent) {
    List<GateResult> out = new ArrayList<>(3);
    GateResult g1 = gate1(metrics);
    out.add(g1);
    GateResult g2 = g1.status() == GateResult.Status.PASSED ? gate2(metrics) : SKIPPED_2;
    out.add(g2);
    out.add(g2.status() == GateResult.Status.PASSED ? gate3(metrics, atrPercent) : SKIPPED_3);
    return GateEvaluation.of(out);
  }

  private GateResult gate1(Map<MetricId, Double> m) {
    Check c = new Check(RestartGate.DIRECTIONAL_ENERGY_DECAY);
    c.below("adx", m.get(MetricId.ADX), config.gateAdxMax(), false, "adx_max");
    Double ns = m.get(MetricId.NORMALIZED_SLOPE);
    c.below(
        "abs_normalized_slope",
        ns == null ? null : Math.abs(ns),
        config.gateSlopeMax(),
        false,
        "abs_normalized_slope_max");
    return c.result("directional energy has decayed");
  }

  private GateResult gate2(Map<MetricId, Double> m) {
    Check c = new Check(RestartGate.MEAN_REVERSION_RETURN);
    c.below(
        "autocorrelation",
        m.get(MetricId.AUTOCORRELATION),
        config.gateAutocorrelationMax(),
        true,
        "autocorrelation_max");
    c.below(
        "ou_half_life",
        m.get(MetricId.OU_HALF_LIFE),
        config.gateHalfLifeMax(),
        true,
        "ou_half_life_max");
    return c.result("price reverts to a mean again");
  }

  private GateResult gate3(Map<MetricId, Double> m, OptionalDouble atrPercent) {
    Check c = new Check(RestartGate.TRADABLE_VOLATILITY);
    Double atr = atrPercent.isPresent() ? atrPercent.getAsDouble() : null;
    c.above("atr_pct", atr, config.gateAtrPercentMin(), "atr_pct_min");
    c.below("atr_pct", atr, config.gateAtrPercentMax(), true, "atr_pct_max");
    c.below(
        "bollinger_bandwidth",
        m.get(MetricId.BOLLINGER_BANDWIDTH),
        config.gateBandwidthMax(),
        true,
        "bollinger_bandwidth_max");
    return c.result("volatility is tradable");
  }

  private static GateResult notEvaluated(RestartGate gate) {
    return new GateResult.Builder()
        .gate(gate)
        .status(GateResult.Status.NOT_EVALUATED)
        .reason("not evaluated: an earlier gate failed")
        .build();
  }

  /** Accumulates one gate's conditions. */
  private static final class Check {
    private final RestartGate gate;
    private final Map<String, Double> measured = new LinkedHashMap<>();
    private final Map<String, Double> thresholds = new LinkedHashMap<>();
    private final List<String> failures = new ArrayList<>();

    Check(RestartGate gate) {
      this.gate = gate;
    }

    void below(String name, Double value, double max, boolean inclusive, String thresholdName) {
      thresholds.put(thresholdName, max);
      if (value == null) {
        failures.add(name + " unavailable");
        return;
      }
      measured.put(name, value);
      boolean ok = inclusive ? value <= max : value < max;
      if (!ok) {
        failures.add(
            name + " " + Fmt.num(value, 3) + (inclusive ? " > " : " >= ") + Fmt.num(max, 3));
      }
    }

    void above(String name, Double value, double min, String thresholdName) {
      thresholds.put(thresholdName, min);
      if (value == null) {
        failures.add(name + " unavailable");
        return;
      }
      measured.put(name, value);
      if (value < min) {
        failures.add(name + " " + Fmt.num(value, 3) + " < " + Fmt.num(min, 3));
      }
    }

    GateResult result(String passText) {
      boolean pass = failures.isEmpty();
      return new GateResult.Builder()
          .gate(gate)
          .status(pass ? GateResult.Status.PASSED : GateResult.Status.FAILED)
          .putAllMeasured(measured)
          .putAllThresholds(thresholds)
          .reason(pass ? passText : "blocked: " + String.join("; ", failures))
          .build();
    }
  }
}
