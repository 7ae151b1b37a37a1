package io.github.mmsdk.api.decision;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.internal.MmValue;
import io.github.mmsdk.api.regime.RegimeState;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One decision: what the cycle saw and recommended. Operator actions and evaluations are appended
 * to it later, never changing what was written before.
 */
@MmValue
@Value.Immutable
public abstract class DecisionRecord {

  DecisionRecord() {}

  /** {@return the shared record metadata; its id is the decision id} */
  public abstract RecordMetadata metadata();

  /** {@return the decision id} */
  public String id() {
    return metadata().recordId();
  }

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the regime the decision saw} */
  public abstract RegimeState regime();

  /** {@return the exit assessments the decision saw} */
  public abstract List<ExitAssessment> exits();

  /** {@return the recommendations} */
  public abstract List<Recommendation> recommendations();

  /** {@return the market data the decision saw, when read} */
  public abstract Optional<MarketData> marketData();

  /** {@return the balance the decision saw, when read} */
  public abstract Optional<AccountBalance> balance();

  /** {@return the commit of the configuration it was made with} */
  public abstract Optional<String> configVersion();

  /** {@return why the cycle was incomplete, empty when complete} */
  public abstract List<String> incompleteReasons();

  /** {@return actions appended since, oldest first} */
  public abstract List<ActionRecord> actions();

  /** {@return evaluations appended since, oldest first} */
  public abstract List<EvaluationRecord> evaluations();

  /** {@return the horizons already graded} */
  public Set<EvaluationHorizon> gradedHorizons() {
    Set<EvaluationHorizon> s = EnumSet.noneOf(EvaluationHorizon.class);
    evaluations().forEach(e -> s.add(e.horizon()));
    return s;
  }

  /**
   * Whether a horizon is graded: {@code gradedHorizons().contains(horizon)} without building the
   * set (the facade asks this of every open decision, every cycle).
   *
   * @param horizon the horizon
   * @return whether an evaluation of this horizon is appended
   */
  public boolean isGraded(EvaluationHorizon horizon) {
    for (EvaluationRecord e : evaluations()) {
      if (e.horizon() == horizon) {
        return true;
      }
    }
    return false;
  }

  /**
   * Whether a horizon not yet graded falls due in {@code (after, asOf]}: the question a store's
   * {@code dueForEvaluation} asks of every decision.
   *
   * @param after the exclusive lower bound of the due times
   * @param asOf the inclusive upper bound of the due times
   * @return whether such a horizon exists
   */
  public boolean hasUngradedHorizonDue(Instant after, Instant asOf) {
    Instant t = metadata().observedAt();
    for (EvaluationHorizon h : EvaluationHorizon.values()) {
      Instant due = t.plus(h.after());
      if (due.isAfter(after) && !due.isAfter(asOf) && !isGraded(h)) {
        return true;
      }
    }
    return false;
  }

  /** Builds a {@link DecisionRecord}. */
  public static final class Builder extends ImmutableDecisionRecord.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
