package io.github.mmsdk.backtest;

import io.github.mmsdk.api.decision.ActionRecord;
import io.github.mmsdk.api.decision.Escalation;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What the operator did with one recorded decision that asked something of them (a recommendation
 * escalated beyond record-only) or that they acted on anyway, as a {@link StoreReplay} reports it.
 */
@Value.Immutable
@BacktestValue
public abstract class OperatorResponse {

  OperatorResponse() {}

  /** {@return the decision's id} */
  public abstract String decisionId();

  /** {@return the decision time} */
  public abstract Instant at();

  /** {@return the recorded recommendations' actions, in order} */
  public abstract List<GridAction> recommended();

  /** {@return the highest escalation among the recorded recommendations} */
  public abstract Escalation escalation();

  /** {@return the operator's last action on the decision, empty when there was none} */
  public abstract Optional<ActionRecord> response();

  /** {@return whether the current engines still recommend the same actions} */
  public abstract boolean stillRecommended();

  /** {@return the kind of the last action, or {@code UNANSWERED}} */
  public String responseName() {
    return response().map(a -> a.kind().name()).orElse("UNANSWERED");
  }

  /** {@return one line for terminals} */
  public String describe() {
    return at()
        + "  "
        + decisionId()
        + "  recommended "
        + recommended()
        + " ("
        + escalation()
        + ")  operator "
        + response().map(a -> a.kind() + " by " + a.actor() + " at " + a.at()).orElse("UNANSWERED")
        + (stillRecommended() ? "" : "  (no longer recommended)");
  }

  /** Builds an {@link OperatorResponse}. */
  public static final class Builder extends ImmutableOperatorResponse.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
