package io.github.mmsdk.api.store;

import io.github.mmsdk.api.Symbol;
import io.github.mmsdk.api.decision.RecordMetadata;
import io.github.mmsdk.api.exchange.AccountBalance;
import io.github.mmsdk.api.exchange.MarketData;
import io.github.mmsdk.api.exit.ExitAssessment;
import io.github.mmsdk.api.internal.MmValue;
import io.github.mmsdk.api.regime.RegimeState;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.immutables.value.Value;

/**
 * What one cycle saw for one symbol: regime (with metrics and gates), exits, balance, market data
 * and grid status — enough, with the raw candles, to re-run the evaluation from the store alone.
 */
@MmValue
@Value.Immutable
public abstract class MetricsSnapshot {

  MetricsSnapshot() {}

  /** {@return the shared record metadata} */
  public abstract RecordMetadata metadata();

  /** {@return the pair} */
  public abstract Symbol symbol();

  /** {@return the regime} */
  public abstract RegimeState regime();

  /** {@return the exit assessments of running grids} */
  public abstract List<ExitAssessment> exits();

  /** {@return the balance, when read} */
  public abstract Optional<AccountBalance> balance();

  /** {@return the market data, when read} */
  public abstract Optional<MarketData> marketData();

  /** {@return why the cycle that took the snapshot was incomplete; empty when complete} */
  public abstract List<String> incompleteReasons();

  /** {@return each grid's status on this symbol: {@code running} or {@code stopped}} */
  public abstract Map<String, String> gridStatus();

  /** Builds a {@link MetricsSnapshot}. */
  public static final class Builder extends ImmutableMetricsSnapshot.Builder {
    /** Creates an empty builder. */
    public Builder() {}
  }
}
