package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.internal.MmValue;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import org.immutables.value.Value;

/**
 * A decision's grade at one horizon, with its economic impact in the quote currency (USD).
 * Recommendation quality is graded apart from action quality.
 */
@MmValue
@Value.Immutable
public abstract class EvaluationRecord {

  EvaluationRecord() {}

  /** Whether the recommendation proved right. */
  public enum Outcome {
    /** Following it paid off. */
    CORRECT,
    /** Following it cost money. */
    INCORRECT,
    /** Too close to call. */
    NEUTRAL
  }

  /** {@return the decision graded} */
  public abstract String decisionId();

  /** {@return the horizon} */
  public abstract EvaluationHorizon horizon();

  /** {@return when it was graded} */
  public abstract Instant evaluatedAt();

  /** {@return the price when the decision was made} */
  public abstract BigDecimal priceAtDecision();

  /** {@return the price at the horizon} */
  public abstract BigDecimal priceAtHorizon();

  /** {@return what following the recommendation gained (+) or avoided losing, in USD} */
  public abstract BigDecimal economicImpactUsd();

  /** {@return the verdict on the recommendation} */
  public abstract Outcome outcome();

  /** {@return supporting figures, e.g. {@code grid_profit}, {@code max_drawdown}} */
  public abstract Map<String, Double> details();

  /** Builds an {@link EvaluationRecord}. */
  public static final class Builder extends ImmutableEvaluationRecord.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
