package io.github.mmsdk.api.store;

import io.github.mmsdk.api.CandleSeries;
import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.DecisionRecord;
import io.github.mmsdk.api.exit.ExitHistory;
import io.github.mmsdk.api.internal.MmValue;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.immutables.value.Value;

/** Everything one cycle writes, committed atomically: all of it or none. */
@MmValue
@Value.Immutable
public abstract class CycleRecords {

  CycleRecords() {}

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the decision time} */
  public abstract Instant asOf();

  /** {@return the metrics snapshot, when the regime could be evaluated} */
  public abstract Optional<MetricsSnapshot> snapshot();

  /** {@return the decision, when one was made} */
  public abstract Optional<DecisionRecord> decision();

  /** {@return the exit histories to persist, one per running grid} */
  public abstract List<ExitHistory> exitHistories();

  /** {@return why the cycle was incomplete; empty when complete} */
  public abstract List<String> incompleteReasons();

  /** {@return the raw candles the cycle used; the store keeps each candle once} */
  public abstract List<CandleSeries> rawCandles();

  /** Builds a {@link CycleRecords}. */
  public static final class Builder extends ImmutableCycleRecords.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
