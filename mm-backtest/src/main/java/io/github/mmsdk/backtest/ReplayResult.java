package io.github.mmsdk.backtest;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.immutables.value.Value;

/**
 * What a {@link StoreReplay} found: the recorded decisions the current engines would now make
 * differently, and how the operator answered the recorded recommendations.
 */
@Value.Immutable
@BacktestValue
public abstract class ReplayResult {

  ReplayResult() {}

  /** {@return the pair replayed} */
  public abstract Symbol symbol();

  /**
   * {@return the start of the period covered, inclusive: the first decision replayed (the start
   * asked for when none was found)}
   */
  public abstract Instant periodStart();

  /**
   * {@return the end of the period covered, inclusive: the last decision replayed (the end asked
   * for when none was found)}
   */
  public abstract Instant periodEnd();

  /** {@return the number of recorded decisions re-run} */
  public abstract int decisionsReplayed();

  /** {@return the decisions that would now come out differently, in time order} */
  public abstract List<ReplayDifference> differences();

  /**
   * {@return the decisions that asked something of the operator or that the operator acted on, in
   * time order}
   */
  public abstract List<OperatorResponse> operatorResponses();

  /** {@return the number of decisions that come out the same} */
  public int unchanged() {
    return decisionsReplayed() - differences().size();
  }

  /** {@return how often the operator's last action was of each kind} */
  public Map<ActionRecord.Kind, Long> responseCounts() {
    Map<ActionRecord.Kind, Long> m = new EnumMap<>(ActionRecord.Kind.class);
    for (OperatorResponse r : operatorResponses()) {
      r.response().ifPresent(a -> m.merge(a.kind(), 1L, Long::sum));
    }
    return m;
  }

  /** {@return the operator responses with no action at all} */
  public long unanswered() {
    return operatorResponses().stream().filter(r -> r.response().isEmpty()).count();
  }

  /** {@return the responses to recommendations the current engines no longer make} */
  public long noLongerRecommended() {
    return operatorResponses().stream().filter(r -> !r.stillRecommended()).count();
  }

  /** {@return one paragraph for logs and terminals} */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "%s %s..%s: %d decisions replayed, %d unchanged, %d different; operator responses %d"
            + " (%s, %d unanswered), %d no longer recommended",
        symbol(),
        periodStart(),
        periodEnd(),
        decisionsReplayed(),
        unchanged(),
        differences().size(),
        operatorResponses().size(),
        responseCounts(),
        unanswered(),
        noLongerRecommended());
  }

  /** Builds a {@link ReplayResult}. */
  public static final class Builder extends ImmutableReplayResult.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
