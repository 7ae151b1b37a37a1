package io.github.mmsdk.api.cycle;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.EvaluationRecord;
import io.github.mmsdk.api.decision.Recommendation;
import io.github.mmsdk.api.exchange.GridCommandResult;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.health.Health;
import io.github.mmsdk.api.internal.MmValue;
import io.github.mmsdk.api.notify.DeliveryReport;
import io.github.mmsdk.api.regime.RegimeState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/** What one decision cycle did, with the duration of every step. */
@MmValue
@Value.Immutable
public abstract class CycleResult {

  CycleResult() {}

  /** {@return the correlation id, also in the logs' MDC as {@code cycle_id}} */
  public abstract String correlationId();

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the decision time} */
  public abstract Instant asOf();

  /** {@return how the cycle ended} */
  public abstract CycleStatus status();

  /** {@return why it was incomplete or failed; empty when complete} */
  public abstract List<String> incompleteReasons();

  /** {@return the steps that failed or had partial data; empty when complete} */
  public abstract Set<CycleStep> failedSteps();

  /** {@return the regime, when it could be evaluated} */
  public abstract Optional<RegimeState> regime();

  /** {@return the exit assessments of running grids} */
  public abstract List<ExitAssessment> exits();

  /** {@return the recommendations} */
  public abstract List<Recommendation> recommendations();

  /** {@return the decision id, when a decision was made} */
  public abstract Optional<String> decisionId();

  /** {@return the store's commit id, when the cycle was stored} */
  public abstract Optional<String> commitId();

  /** {@return the delivery reports of the notifications sent} */
  public abstract List<DeliveryReport> deliveries();

  /** {@return the evaluations appended to matured decisions} */
  public abstract List<EvaluationRecord> evaluations();

  /** {@return what the exchange answered to the grid commands this cycle ran} */
  public abstract List<GridCommandResult> commands();

  /** {@return how long each step took} */
  public abstract Map<CycleStep, Duration> stepDurations();

  /** {@return how long the whole cycle took} */
  public abstract Duration duration();

  /** {@return the aggregated health of the wired adapters after the cycle} */
  public abstract Health health();

  /** Builds a {@link CycleResult}. */
  public static final class Builder extends ImmutableCycleResult.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
