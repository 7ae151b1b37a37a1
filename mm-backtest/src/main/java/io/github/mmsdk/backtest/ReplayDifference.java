package io.github.mmsdk.backtest;

import io.github.mmsdk.api.InvalidConfigurationException;
import io.github.mmsdk.api.decision.GridAction;
import io.github.mmsdk.api.exit.ExitState;
import io.github.mmsdk.api.regime.RegimeVerdict;
import io.github.mmsdk.backtest.internal.BacktestValue;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.immutables.value.Value;

/**
 * One recorded decision that a {@link StoreReplay} would now make differently: what the store holds
 * beside what the current engines decide from the same candles, balance and market data.
 */
@Value.Immutable
@BacktestValue
public abstract class ReplayDifference {

  ReplayDifference() {}

  /** What differs. */
  public enum Aspect {
    /** The replayed cycle made no decision at all (its regime could not be evaluated). */
    DECISION,
    /** The regime verdict. */
    VERDICT,
    /** The exit state of at least one running grid. */
    EXIT_STATE,
    /** The recommended actions (in order). */
    RECOMMENDATION
  }

  /** {@return the recorded decision's id} */
  public abstract String decisionId();

  /** {@return the decision time} */
  public abstract Instant at();

  /** {@return the verdict recorded} */
  public abstract RegimeVerdict recordedVerdict();

  /** {@return the verdict of the replay, empty when it made no decision} */
  public abstract Optional<RegimeVerdict> replayedVerdict();

  /** {@return the recorded exit state of every assessed grid, by grid id} */
  public abstract Map<String, ExitState> recordedExits();

  /** {@return the replayed exit state of every assessed grid, by grid id} */
  public abstract Map<String, ExitState> replayedExits();

  /** {@return the recorded recommendations' actions, in order} */
  public abstract List<GridAction> recordedRecommendations();

  /** {@return the replayed recommendations' actions, in order} */
  public abstract List<GridAction> replayedRecommendations();

  /** {@return what differs; never empty} */
  public Set<Aspect> aspects() {
    Set<Aspect> s = EnumSet.noneOf(Aspect.class);
    if (replayedVerdict().isEmpty()) {
      s.add(Aspect.DECISION);
      return s;
    }
    if (replayedVerdict().get() != recordedVerdict()) {
      s.add(Aspect.VERDICT);
    }
    if (!recordedExits().equals(replayedExits())) {
      s.add(Aspect.EXIT_STATE);
    }
    if (!recordedRecommendations().equals(replayedRecommendations())) {
      s.add(Aspect.RECOMMENDATION);
    }
    return s;
  }

  /** {@return one line for terminals: time, id, then recorded → replayed for what differs} */
  public String describe() {
    StringBuilder sb = new StringBuilder().append(at()).append("  ").append(decisionId());
    Set<Aspect> aspects = aspects();
    if (aspects.contains(Aspect.DECISION)) {
      return sb.append("  no decision now (was ").append(recordedVerdict()).append(')').toString();
    }
    if (aspects.contains(Aspect.VERDICT)) {
      sb.append("  verdict ")
          .append(recordedVerdict())
          .append(" -> ")
          .append(replayedVerdict().orElseThrow());
    }
    if (aspects.contains(Aspect.EXIT_STATE)) {
      sb.append("  exits ").append(recordedExits()).append(" -> ").append(replayedExits());
    }
    if (aspects.contains(Aspect.RECOMMENDATION)) {
      sb.append("  recommendations ")
          .append(recordedRecommendations())
          .append(" -> ")
          .append(replayedRecommendations());
    }
    return sb.toString();
  }

  /** {@return the aspects as lower-case names, for JSON and logs} */
  public List<String> aspectNames() {
    return aspects().stream().map(a -> a.name().toLowerCase(Locale.ROOT)).toList();
  }

  @Value.Check
  void check() {
    if (aspects().isEmpty()) {
      throw new InvalidConfigurationException(
          "replay.difference", "a difference must differ: " + decisionId());
    }
  }

  /** Builds a {@link ReplayDifference}. */
  public static final class Builder extends ImmutableReplayDifference.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
